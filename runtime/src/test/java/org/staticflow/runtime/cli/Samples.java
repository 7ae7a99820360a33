package org.staticflow.runtime.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.ByteTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.DoubleTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.HalfFloats;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.ShortTensor;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;

/** Tensors of every type Staticflow holds, deliberately not in key order. */
final class Samples {
  private Samples() {}

  static Map<String, Tensor> everyType() {
    Map<String, Tensor> t = new LinkedHashMap<>();
    float[] ramp = new float[3000];
    for (int i = 0; i < ramp.length; i++) {
      ramp[i] = (float) Math.sin(i);
    }
    t.put("w/kernel", FloatTensor.of(Shape.of(10, 30, 10), ramp));
    t.put("f64", DoubleTensor.of(Shape.of(2), Math.PI, Double.NaN));
    t.put("i32", IntTensor.of(Shape.of(3), Integer.MIN_VALUE, 0, Integer.MAX_VALUE));
    t.put("u32", new IntTensor(DataType.UINT32, Shape.of(1), new int[] {-1}));
    t.put("i64", LongTensor.of(Shape.of(2), Long.MIN_VALUE, 42));
    t.put("u64", new LongTensor(DataType.UINT64, Shape.of(1), new long[] {-1}));
    t.put("i16", new ShortTensor(DataType.INT16, Shape.of(2), new short[] {-3, 3}));
    t.put("u16", new ShortTensor(DataType.UINT16, Shape.of(1), new short[] {-1}));
    t.put("half", new ShortTensor(DataType.HALF, Shape.of(2), new short[] {HalfFloats.floatToHalf(1.5f), HalfFloats.floatToHalf(-2f)}));
    t.put("bf16", new ShortTensor(DataType.BFLOAT16, Shape.of(1), new short[] {HalfFloats.floatToBfloat16(0.25f)}));
    t.put("i8", new ByteTensor(DataType.INT8, Shape.of(2), new byte[] {-128, 127}));
    t.put("u8", new ByteTensor(DataType.UINT8, Shape.of(2), new byte[] {(byte) 255, 1}));
    t.put("c64", new FloatTensor(DataType.COMPLEX64, Shape.of(1), new float[] {1, -2}));
    t.put("c128", new DoubleTensor(DataType.COMPLEX128, Shape.of(1), new double[] {0.5, 4}));
    t.put("flags", BooleanTensor.of(Shape.of(2, 1), true, false));
    t.put("text", StringTensor.of(Shape.of(3), "", "abc", "\u00e9\u00e8"));
    t.put("scalar", FloatTensor.scalar(-0.0f));
    t.put("empty", FloatTensor.of(Shape.of(4, 0, 2)));
    t.put("rank4", FloatTensor.of(Shape.of(1, 2, 1, 2), 1, 2, 3, 4));
    return t;
  }
}
