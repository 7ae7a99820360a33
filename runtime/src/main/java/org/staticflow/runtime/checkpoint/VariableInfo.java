package org.staticflow.runtime.checkpoint;

import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Shape;

/** What {@code tf.train.list_variables} reports for one tensor of a checkpoint: name, type and shape. */
public record VariableInfo(String name, DataType dataType, Shape shape) {}
