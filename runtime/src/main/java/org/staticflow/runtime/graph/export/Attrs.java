package org.staticflow.runtime.graph.export;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import org.staticflow.proto.AttrValue;
import org.staticflow.proto.TensorShapeProto;
import org.staticflow.runtime.graph.TensorProtoCodec;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Tensor;

/** {@code AttrValue}s of each kind, for nodes built by hand. */
public final class Attrs {
  private Attrs() {}

  public static AttrValue type(DataType type) {
    return AttrValue.newBuilder().setTypeValue(type.number()).build();
  }

  public static AttrValue types(DataType... types) {
    AttrValue.ListValue.Builder list = AttrValue.ListValue.newBuilder();
    for (DataType type : types) {
      list.addTypeValue(type.number());
    }
    return AttrValue.newBuilder().setList(list).build();
  }

  public static AttrValue i(long value) {
    return AttrValue.newBuilder().setI(value).build();
  }

  public static AttrValue f(float value) {
    return AttrValue.newBuilder().setF(value).build();
  }

  public static AttrValue b(boolean value) {
    return AttrValue.newBuilder().setB(value).build();
  }

  public static AttrValue s(String value) {
    return AttrValue.newBuilder().setS(ByteString.copyFromUtf8(value)).build();
  }

  /** A {@code list(string)}. */
  public static AttrValue strings(String... values) {
    AttrValue.ListValue.Builder list = AttrValue.ListValue.newBuilder();
    for (String value : values) {
      list.addS(ByteString.copyFromUtf8(value));
    }
    return AttrValue.newBuilder().setList(list).build();
  }

  public static AttrValue ints(long... values) {
    AttrValue.ListValue.Builder list = AttrValue.ListValue.newBuilder();
    Arrays.stream(values).forEach(list::addI);
    return AttrValue.newBuilder().setList(list).build();
  }

  public static AttrValue ints(int... values) {
    return ints(Arrays.stream(values).asLongStream().toArray());
  }

  /** A shape; {@code -1} for an unknown dimension. */
  public static AttrValue shape(long... dims) {
    return AttrValue.newBuilder().setShape(TensorProtoCodec.shapeProto(dims)).build();
  }

  /** A shape of unknown rank. */
  public static AttrValue unknownShape() {
    return AttrValue.newBuilder().setShape(TensorShapeProto.newBuilder().setUnknownRank(true)).build();
  }

  public static AttrValue tensor(Tensor value) {
    return AttrValue.newBuilder().setTensor(TensorProtoCodec.encode(value)).build();
  }
}
