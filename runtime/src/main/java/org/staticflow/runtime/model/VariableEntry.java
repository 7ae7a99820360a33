package org.staticflow.runtime.model;

import java.util.Objects;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;

/**
 * One variable of a compiled model, as the Saver sees it: its TensorFlow name ({@code layer1/weights}),
 * shape, type, whether optimizers train it, and its buffer, the storage the model computes with (writes
 * to {@link #value()}'s array are seen by the next forward pass).
 *
 * @param name the scoped TensorFlow name
 * @param shape the static shape
 * @param dataType the element type
 * @param trainable whether it is in TensorFlow's {@code trainable_variables} collection
 * @param value the buffer itself, not a copy
 */
public record VariableEntry(String name, Shape shape, DataType dataType, boolean trainable, Tensor value) {
  public VariableEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (!value.shape().equals(shape) || value.dataType() != dataType) {
      throw new IllegalArgumentException(
          name + ": buffer " + value.dataType().protoName() + value.shape() + " does not match "
              + dataType.protoName() + shape);
    }
  }
}
