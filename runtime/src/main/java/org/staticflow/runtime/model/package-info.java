/**
 * The run-time side of generated models: the interface every generated class implements ({@link
 * org.staticflow.runtime.model.CompiledModel}; {@link org.staticflow.runtime.model.TrainableModel} for models
 * with losses, whose generated backward pass fills gradient buffers), the variable registry entries ({@link
 * org.staticflow.runtime.model.VariableEntry}) and the variable initializers ({@link
 * org.staticflow.runtime.model.Initializers}).
 */
package org.staticflow.runtime.model;
