package org.staticflow.runtime.kernels;

/**
 * The geometry of a sliding-window operation on NHWC tensors ({@code conv2d}, {@code max_pool},
 * {@code avg_pool}) with TensorFlow's padding rules:
 *
 * <ul>
 *   <li>{@code VALID}: {@code out = ceil((in - k + 1) / stride)}, no padding;
 *   <li>{@code SAME}: {@code out = ceil(in / stride)}, {@code padTotal = max((out - 1) * stride + k - in,
 *       0)}, {@code padBefore = padTotal / 2} (the extra row or column goes after).
 * </ul>
 *
 * @param batch images
 * @param inHeight input rows
 * @param inWidth input columns
 * @param inChannels input channels
 * @param kernelHeight window rows
 * @param kernelWidth window columns
 * @param outChannels output channels (the input's for pooling)
 * @param strideHeight row stride
 * @param strideWidth column stride
 * @param outHeight output rows
 * @param outWidth output columns
 * @param padTop padding rows before the first
 * @param padLeft padding columns before the first
 */
public record WindowGeometry(
    int batch,
    int inHeight,
    int inWidth,
    int inChannels,
    int kernelHeight,
    int kernelWidth,
    int outChannels,
    int strideHeight,
    int strideWidth,
    int outHeight,
    int outWidth,
    int padTop,
    int padLeft) {

  /** The geometry of a window op; {@code same} selects {@code SAME} padding, else {@code VALID}. */
  public static WindowGeometry of(
      int batch,
      int inHeight,
      int inWidth,
      int inChannels,
      int kernelHeight,
      int kernelWidth,
      int outChannels,
      int strideHeight,
      int strideWidth,
      boolean same) {
    int outHeight = outputSize(inHeight, kernelHeight, strideHeight, same);
    int outWidth = outputSize(inWidth, kernelWidth, strideWidth, same);
    int padTop = same ? Math.max((outHeight - 1) * strideHeight + kernelHeight - inHeight, 0) / 2 : 0;
    int padLeft = same ? Math.max((outWidth - 1) * strideWidth + kernelWidth - inWidth, 0) / 2 : 0;
    return new WindowGeometry(
        batch, inHeight, inWidth, inChannels, kernelHeight, kernelWidth, outChannels, strideHeight,
        strideWidth, outHeight, outWidth, padTop, padLeft);
  }

  /** TensorFlow's output size of one spatial dimension. */
  public static int outputSize(int in, int kernel, int stride, boolean same) {
    return same ? (in + stride - 1) / stride : Math.max((in - kernel + stride) / stride, 0);
  }

  /** The first input row of output row {@code oy}'s window, clipped to the input (padding rows are skipped). */
  public int windowTop(int oy) {
    return Math.max(oy * strideHeight - padTop, 0);
  }

  /** One past the last input row of output row {@code oy}'s window, clipped to the input. */
  public int windowBottom(int oy) {
    return Math.min(oy * strideHeight - padTop + kernelHeight, inHeight);
  }

  /** The first input column of output column {@code ox}'s window, clipped to the input. */
  public int windowLeft(int ox) {
    return Math.max(ox * strideWidth - padLeft, 0);
  }

  /** One past the last input column of output column {@code ox}'s window, clipped to the input. */
  public int windowRight(int ox) {
    return Math.min(ox * strideWidth - padLeft + kernelWidth, inWidth);
  }
}
