/**
 * Reverse-mode differentiation as an IR transform. {@link org.staticflow.processor.passes.autodiff.Differentiation}
 * adds to a model's graph the total loss ({@code sum of @Loss + sum of l2 regularizers}) and, after
 * {@link org.staticflow.processor.ir.Graph#beginBackward()}, the nodes that compute its gradient with respect
 * to every trainable variable. The gradient rules are grouped by family, one class each, as the lowering's
 * function families are: {@link org.staticflow.processor.passes.autodiff.ElementwiseGradients},
 * {@link org.staticflow.processor.passes.autodiff.MatMulGradients},
 * {@link org.staticflow.processor.passes.autodiff.ShapeGradients},
 * {@link org.staticflow.processor.passes.autodiff.ReductionGradients},
 * {@link org.staticflow.processor.passes.autodiff.NeuralNetGradients} and
 * {@link org.staticflow.processor.passes.autodiff.LossGradients}; which edges carry a gradient at all is
 * decided by {@link org.staticflow.processor.passes.autodiff.Differentiability}.
 */
package org.staticflow.processor.passes.autodiff;
