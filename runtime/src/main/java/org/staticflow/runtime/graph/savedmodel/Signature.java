package org.staticflow.runtime.graph.savedmodel;

import java.util.LinkedHashMap;
import java.util.Map;
import org.staticflow.proto.SignatureDef;
import org.staticflow.proto.TensorInfo;
import org.staticflow.runtime.graph.GraphException;
import org.staticflow.runtime.graph.interpreter.TensorSpec;
import org.staticflow.runtime.tensor.DataType;

/**
 * A SavedModel signature ({@code SignatureDef}): named inputs and outputs bound to graph tensors.
 *
 * @param name the signature key, e.g. {@code serving_default}
 * @param methodName e.g. {@code tensorflow/serving/predict}
 * @param inputs input key to bound tensor
 * @param outputs output key to bound tensor
 */
public record Signature(String name, String methodName, Map<String, Binding> inputs, Map<String, Binding> outputs) {
  /** One signature argument: the graph tensor ({@code x:0}) and its declared dtype and shape. */
  public record Binding(String tensorName, TensorSpec spec) {}

  public Signature {
    inputs = Map.copyOf(inputs);
    outputs = Map.copyOf(outputs);
  }

  /** From TensorFlow's {@code SignatureDef}. */
  static Signature of(String name, SignatureDef def) {
    return new Signature(name, def.getMethodName(), bindings(name, def.getInputsMap()), bindings(name, def.getOutputsMap()));
  }

  private static Map<String, Binding> bindings(String signature, Map<String, TensorInfo> infos) {
    Map<String, Binding> bindings = new LinkedHashMap<>();
    infos.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
      TensorInfo info = entry.getValue();
      if (info.getEncodingCase() != TensorInfo.EncodingCase.NAME) {
        throw new GraphException("signature '" + signature + "', argument '" + entry.getKey()
            + "': sparse and composite tensors are not supported");
      }
      bindings.put(entry.getKey(), new Binding(info.getName(), TensorSpec.of(dataType(info.getDtypeValue()), info.getTensorShape())));
    });
    return bindings;
  }

  /** A reference type ({@code DT_FLOAT_REF} = 101, of a variable read directly) stands for its value type. */
  private static DataType dataType(int number) {
    return DataType.fromNumber(number > 100 ? number - 100 : number);
  }
}
