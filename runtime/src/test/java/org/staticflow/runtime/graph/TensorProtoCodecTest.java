package org.staticflow.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.TextFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.staticflow.proto.TensorProto;
import org.staticflow.runtime.graph.export.GraphDefBuilder;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.ByteTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.DoubleTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.ShortTensor;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;

/** Tensors in {@code Const} nodes: both storage forms, padding of short lists, and TensorFlow's reading. */
class TensorProtoCodecTest {
  private static final List<Tensor> TENSORS = List.of(
      FloatTensor.of(Shape.of(2, 2), 1.5f, -0f, Float.NaN, Float.MAX_VALUE),
      FloatTensor.scalar(0.5f),
      DoubleTensor.of(Shape.of(2), 1e300, -2),
      IntTensor.of(Shape.of(3), Integer.MIN_VALUE, 0, 7),
      LongTensor.of(Shape.of(2), Long.MAX_VALUE, -1),
      BooleanTensor.of(Shape.of(3), true, false, true),
      StringTensor.of(Shape.of(2), "a", ""),
      new ShortTensor(DataType.HALF, Shape.of(2), new short[] {0x3c00, (short) 0xc000}),
      new ByteTensor(DataType.UINT8, Shape.of(2), new byte[] {(byte) 200, 1}),
      new ByteTensor(DataType.INT8, Shape.scalar(), new byte[] {-3}),
      FloatTensor.of(Shape.of(0, 3)));

  @Test
  void everyDtypeRoundTrips() {
    for (Tensor tensor : TENSORS) {
      assertEquals(tensor, TensorProtoCodec.decode(TensorProtoCodec.encode(tensor)), tensor.toString());
    }
  }

  @Test
  void pythonsFormsDecode() throws Exception {
    // tf.zeros / tf.fill: one value for many elements; tf.constant([]): no values at all.
    assertEquals(FloatTensor.of(Shape.of(2, 2), 3, 3, 3, 3), decode("dtype: DT_FLOAT tensor_shape { dim { size: 2 } dim { size: 2 } } float_val: 3"));
    assertEquals(IntTensor.of(Shape.of(3), 1, 2, 2), decode("dtype: DT_INT32 tensor_shape { dim { size: 3 } } int_val: 1 int_val: 2"));
    assertEquals(FloatTensor.zeros(Shape.of(2)), decode("dtype: DT_FLOAT tensor_shape { dim { size: 2 } }"));
    TensorProto raw = TensorProto.newBuilder().setDtypeValue(1)
        .setTensorShape(TensorProtoCodec.shapeProto(new long[] {2}))
        .setTensorContent(ByteString.copyFrom(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40})).build();
    assertEquals(FloatTensor.of(Shape.of(2), 1, 2), TensorProtoCodec.decode(raw));
    assertEquals("tensor_content of a DT_FLOAT[3] TensorProto has 8 bytes, expected 12", assertThrows(IllegalArgumentException.class,
        () -> TensorProtoCodec.decode(raw.toBuilder().setTensorShape(TensorProtoCodec.shapeProto(new long[] {3})).build())).getMessage());
    assertEquals("DT_FLOAT TensorProto holds 3 values for 2 elements", assertThrows(IllegalArgumentException.class,
        () -> decode("dtype: DT_FLOAT tensor_shape { dim { size: 2 } } float_val: 1 float_val: 2 float_val: 3")).getMessage());
  }

  @Test
  void tensorFlowReadsTheConstantsWeWrite() throws Exception {
    GraphDefBuilder g = new GraphDefBuilder();
    Map<String, Tensor> constants = Map.of("f", TENSORS.get(0), "s", TENSORS.get(1), "i", TENSORS.get(3), "l", TENSORS.get(4),
        "e", TENSORS.get(10));
    constants.forEach(g::constant);
    List<String> names = List.copyOf(constants.keySet());
    List<Tensor> fetched = TfRun.run(g.build().toByteArray(), Map.of(), names);
    for (int i = 0; i < names.size(); i++) {
      assertEquals(constants.get(names.get(i)), fetched.get(i), names.get(i));
    }
  }

  private static Tensor decode(String text) throws Exception {
    TensorProto.Builder proto = TensorProto.newBuilder();
    TextFormat.merge(text, proto);
    return TensorProtoCodec.decode(proto.build());
  }
}
