package org.staticflow.runtime.interop;

import java.util.Arrays;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.buffer.DataBuffer;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * Moves tensor values of every checkpoint dtype between Staticflow and a TensorFlow {@link Graph}.
 *
 * <p>TensorFlow Java 1.0.0 has Java classes for only some dtypes (no int8, int16, uint32, uint64, complex
 * or quantized types). So fixed-size values cross the boundary as {@code uint8} tensors holding the raw
 * little-endian bytes, with an extra innermost dimension of the element size, and a {@code Bitcast} op
 * inside the graph turns them into (or back from) the real dtype. Bitcast reinterprets bits exactly, so
 * no value is converted on the way. {@code bool} (which Bitcast does not accept) and {@code string} cross
 * as themselves.
 */
final class TensorFlowValues {
  private TensorFlowValues() {}

  /** A graph value of the tensor's real dtype, fed from {@link #feed}, which the caller must close. */
  record Fed(Output<?> placeholder, org.tensorflow.Tensor feed, Output<?> value) {}

  /** TensorFlow's enum for a Staticflow dtype (both use TensorFlow's stable numbers). */
  static org.tensorflow.proto.DataType tfType(DataType type) {
    return org.tensorflow.proto.DataType.forNumber(type.number());
  }

  /**
   * Adds a placeholder (and, for fixed-size types other than uint8 and bool, a Bitcast) yielding
   * {@code tensor}'s value with its own dtype and shape once the returned feed is fed.
   */
  static Fed feed(Graph graph, String name, Tensor tensor) {
    DataType type = tensor.dataType();
    long[] dims = tensor.shape().dims();
    return switch (type) {
      case STRING -> {
        byte[][] data = ((StringTensor) tensor).data();
        TString feed =
            TString.tensorOfBytes(
                NdArrays.wrap(org.tensorflow.ndarray.Shape.of(dims), DataBuffers.of(data, true, false)));
        Output<?> placeholder = placeholder(graph, name, type);
        yield new Fed(placeholder, feed, placeholder);
      }
      case BOOL -> {
        boolean[] data = ((BooleanTensor) tensor).data();
        TBool feed = TBool.tensorOf(org.tensorflow.ndarray.Shape.of(dims), DataBuffers.of(data, true, false));
        Output<?> placeholder = placeholder(graph, name, type);
        yield new Fed(placeholder, feed, placeholder);
      }
      default -> {
        byte[] bytes = TensorBytes.toLittleEndian(tensor);
        TUint8 feed = TUint8.tensorOf(bytesShape(dims, type), DataBuffers.of(bytes, true, false));
        Output<?> placeholder = placeholder(graph, name, DataType.UINT8);
        Output<?> value =
            type == DataType.UINT8 ? placeholder : bitcast(graph, name + "/to_" + type, placeholder, DataType.UINT8, type);
        yield new Fed(placeholder, feed, value);
      }
    };
  }

  /**
   * The output to fetch to read {@code value} (of dtype {@code type}) back with {@link #toStaticflow}:
   * the value itself for bool, string and uint8, otherwise its bytes as uint8.
   */
  static Output<?> fetchable(Graph graph, String name, Output<?> value, DataType type) {
    return switch (type) {
      case STRING, BOOL, UINT8 -> value;
      default -> bitcast(graph, name + "/as_bytes", value, type, DataType.UINT8);
    };
  }

  /** The Staticflow tensor for a fetched {@link #fetchable} result of dtype {@code type}. */
  static Tensor toStaticflow(org.tensorflow.Tensor fetched, DataType type) {
    long[] dims = fetched.shape().asArray();
    return switch (type) {
      case STRING -> {
        TString strings = (TString) fetched;
        int n = Math.toIntExact(fetched.shape().size());
        DataBuffer<byte[]> buffer = DataBuffers.ofObjects(byte[].class, n);
        strings.asBytes().copyTo(buffer);
        byte[][] data = new byte[n][];
        for (int i = 0; i < n; i++) {
          data[i] = buffer.getObject(i);
        }
        yield new StringTensor(Shape.of(dims), data);
      }
      case BOOL -> {
        boolean[] data = new boolean[Math.toIntExact(fetched.shape().size())];
        ((TBool) fetched).copyTo(DataBuffers.of(data, false, false));
        yield new BooleanTensor(Shape.of(dims), data);
      }
      default -> {
        byte[] bytes = new byte[Math.toIntExact(fetched.numBytes())];
        fetched.asRawTensor().data().read(bytes);
        // Bitcast to uint8 added an innermost dimension of the element size, except for 1-byte types.
        long[] valueDims = type.byteSize() == 1 ? dims : Arrays.copyOf(dims, dims.length - 1);
        yield TensorBytes.fromLittleEndian(type, Shape.of(valueDims), bytes);
      }
    };
  }

  private static org.tensorflow.ndarray.Shape bytesShape(long[] dims, DataType type) {
    if (type.byteSize() == 1) {
      return org.tensorflow.ndarray.Shape.of(dims);
    }
    long[] withBytes = Arrays.copyOf(dims, dims.length + 1);
    withBytes[dims.length] = type.byteSize();
    return org.tensorflow.ndarray.Shape.of(withBytes);
  }

  private static Output<?> placeholder(Graph graph, String name, DataType type) {
    return graph.opBuilder("Placeholder", name, graph.baseScope()).setAttr("dtype", tfType(type)).build().output(0);
  }

  private static Output<?> bitcast(Graph graph, String name, Output<?> input, DataType from, DataType to) {
    return graph
        .opBuilder("Bitcast", name, graph.baseScope())
        .addInput(input)
        .setAttr("T", tfType(from))
        .setAttr("type", tfType(to))
        .build()
        .output(0);
  }
}
