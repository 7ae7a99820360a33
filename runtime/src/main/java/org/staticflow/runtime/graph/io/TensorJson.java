package org.staticflow.runtime.graph.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.staticflow.runtime.graph.GraphException;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.DoubleTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.StringTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * Tensors as JSON: {@code {"dtype": "DT_FLOAT", "shape": [2, 2], "values": [1.0, 2.0, 3.0, 4.0]}}, values
 * flat in row-major order (nested lists are accepted on reading). Types: float, double, int32, int64,
 * bool and string; non-finite floats are written as Python's {@code json} module writes them
 * ({@code NaN}, {@code Infinity}, {@code -Infinity}). Numbers are kept as text until the dtype is known,
 * so int64 values beyond 2^53 stay exact.
 */
public final class TensorJson {
  private TensorJson() {}

  /** The JSON text of {@code tensor}, on one line. */
  public static String write(Tensor tensor) {
    StringBuilder out = new StringBuilder("{\"dtype\": \"").append(tensor.dataType().protoName()).append("\", \"shape\": [");
    long[] dims = tensor.shape().dims();
    for (int i = 0; i < dims.length; i++) {
      out.append(i > 0 ? ", " : "").append(dims[i]);
    }
    out.append("], \"values\": [");
    int n = tensor.shape().numElementsAsInt();
    for (int i = 0; i < n; i++) {
      out.append(i > 0 ? ", " : "");
      if (tensor instanceof FloatTensor t) {
        number(out, t.data()[i], Float.toString(t.data()[i]));
      } else if (tensor instanceof DoubleTensor t) {
        number(out, t.data()[i], Double.toString(t.data()[i]));
      } else if (tensor instanceof BooleanTensor t) {
        out.append(t.data()[i]);
      } else if (tensor instanceof StringTensor t) {
        string(out, new String(t.data()[i], StandardCharsets.UTF_8));
      } else if (tensor instanceof IntTensor t) {
        out.append(t.data()[i]);
      } else if (tensor instanceof LongTensor t) {
        out.append(t.data()[i]);
      } else {
        throw new GraphException("a " + tensor.dataType().protoName() + " tensor cannot be written as JSON");
      }
    }
    return out.append("]}").toString();
  }

  /**
   * Parses the JSON form.
   *
   * @param source what to call the text in error messages
   * @throws GraphException if the text is not JSON of this form, saying what is wrong
   */
  public static Tensor read(String text, String source) {
    Object parsed;
    try {
      parsed = new JsonParser(text).parseDocument();
    } catch (IllegalArgumentException e) {
      throw new GraphException(source + ": not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> object)) {
      throw new GraphException(source + ": expected a JSON object {\"dtype\": ..., \"shape\": [...], \"values\": [...]}");
    }
    Object dtype = object.get("dtype");
    Object shape = object.get("shape");
    Object values = object.get("values");
    if (!(dtype instanceof String name) || !(shape instanceof List<?> dims) || !(values instanceof List<?> list)) {
      throw new GraphException(source + ": expected the keys \"dtype\" (a string), \"shape\" (a list) and \"values\" (a list)");
    }
    DataType type;
    try {
      type = DataType.fromName(name);
    } catch (IllegalArgumentException e) {
      throw new GraphException(source + ": " + e.getMessage());
    }
    long[] shapeDims = new long[dims.size()];
    for (int i = 0; i < shapeDims.length; i++) {
      long dim = -1;
      if (dims.get(i) instanceof JsonNumber number) {
        try {
          dim = number.exactLong();
        } catch (ArithmeticException | NumberFormatException e) {
          dim = -1;
        }
      }
      if (dim < 0) {
        throw new GraphException(source + ": shape " + dims + " must hold non-negative integers");
      }
      shapeDims[i] = dim;
    }
    List<Object> flat = new ArrayList<>();
    flatten(list, flat);
    Shape tensorShape = Shape.of(shapeDims);
    if (flat.size() != tensorShape.numElements()) {
      throw new GraphException(source + ": shape " + tensorShape + " needs " + tensorShape.numElements()
          + " values, found " + flat.size());
    }
    Tensor tensor = Tensor.zeros(type, tensorShape);
    for (int i = 0; i < flat.size(); i++) {
      Object value = flat.get(i);
      try {
        if (tensor instanceof FloatTensor t) {
          t.data()[i] = (float) ((JsonNumber) value).doubleValue();
        } else if (tensor instanceof DoubleTensor t) {
          t.data()[i] = ((JsonNumber) value).doubleValue();
        } else if (tensor instanceof IntTensor t) {
          t.data()[i] = Math.toIntExact(((JsonNumber) value).exactLong());
        } else if (tensor instanceof LongTensor t) {
          t.data()[i] = ((JsonNumber) value).exactLong();
        } else if (tensor instanceof BooleanTensor t) {
          t.data()[i] = (Boolean) value;
        } else if (tensor instanceof StringTensor t) {
          t.data()[i] = ((String) value).getBytes(StandardCharsets.UTF_8);
        } else {
          throw new GraphException(source + ": dtype " + type.protoName() + " is not supported in JSON");
        }
      } catch (ClassCastException | ArithmeticException | NumberFormatException e) {
        throw new GraphException(source + ": value " + i + " (" + value + ") is not a " + type.protoName() + " value");
      }
    }
    return tensor;
  }

  /** A JSON number kept as its text, so that int64 values beyond 2^53 survive. */
  private record JsonNumber(String text) {
    double doubleValue() {
      return Double.parseDouble(text);
    }

    long exactLong() {
      return new java.math.BigDecimal(text).longValueExact();
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private static void flatten(List<?> values, List<Object> out) {
    for (Object value : values) {
      if (value instanceof List<?> nested) {
        flatten(nested, out);
      } else {
        out.add(value);
      }
    }
  }

  private static void number(StringBuilder out, double value, String text) {
    if (Double.isNaN(value)) {
      out.append("NaN");
    } else if (Double.isInfinite(value)) {
      out.append(value > 0 ? "Infinity" : "-Infinity");
    } else {
      out.append(text);
    }
  }

  private static void string(StringBuilder out, String value) {
    out.append('"');
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** A small JSON parser: objects, arrays, strings, numbers (as doubles), booleans, null, NaN/Infinity. */
  private static final class JsonParser {
    private final String text;
    private int pos;

    JsonParser(String text) {
      this.text = text;
    }

    Object parseDocument() {
      Object value = parseValue();
      skipSpace();
      if (pos != text.length()) {
        throw error("unexpected text after the value");
      }
      return value;
    }

    private Object parseValue() {
      skipSpace();
      if (pos >= text.length()) {
        throw error("unexpected end of input");
      }
      char c = text.charAt(pos);
      if (c == '{') {
        return parseObject();
      } else if (c == '[') {
        return parseArray();
      } else if (c == '"') {
        return parseString();
      } else if (text.startsWith("true", pos)) {
        pos += 4;
        return Boolean.TRUE;
      } else if (text.startsWith("false", pos)) {
        pos += 5;
        return Boolean.FALSE;
      } else if (text.startsWith("null", pos)) {
        pos += 4;
        return null;
      } else if (text.startsWith("NaN", pos)) {
        pos += 3;
        return new JsonNumber("NaN");
      } else if (text.startsWith("Infinity", pos)) {
        pos += 8;
        return new JsonNumber("Infinity");
      } else if (text.startsWith("-Infinity", pos)) {
        pos += 9;
        return new JsonNumber("-Infinity");
      }
      return parseNumber();
    }

    private Map<String, Object> parseObject() {
      Map<String, Object> object = new LinkedHashMap<>();
      pos++;
      skipSpace();
      if (peek() == '}') {
        pos++;
        return object;
      }
      while (true) {
        skipSpace();
        if (peek() != '"') {
          throw error("expected a key string");
        }
        String key = parseString();
        skipSpace();
        expect(':');
        object.put(key, parseValue());
        skipSpace();
        if (peek() == ',') {
          pos++;
        } else {
          expect('}');
          return object;
        }
      }
    }

    private List<Object> parseArray() {
      List<Object> array = new ArrayList<>();
      pos++;
      skipSpace();
      if (peek() == ']') {
        pos++;
        return array;
      }
      while (true) {
        array.add(parseValue());
        skipSpace();
        if (peek() == ',') {
          pos++;
        } else {
          expect(']');
          return array;
        }
      }
    }

    private String parseString() {
      StringBuilder out = new StringBuilder();
      pos++;
      while (pos < text.length()) {
        char c = text.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c == '\\') {
          if (pos >= text.length()) {
            break;
          }
          char e = text.charAt(pos++);
          switch (e) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'u' -> {
              if (pos + 4 > text.length()) {
                throw error("bad \\u escape");
              }
              out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
              pos += 4;
            }
            default -> out.append(e);
          }
        } else {
          out.append(c);
        }
      }
      throw error("unterminated string");
    }

    private JsonNumber parseNumber() {
      int start = pos;
      while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      try {
        new java.math.BigDecimal(text.substring(start, pos));
        return new JsonNumber(text.substring(start, pos));
      } catch (NumberFormatException e) {
        pos = start;
        throw error("unexpected character '" + text.charAt(start) + "'");
      }
    }

    private char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private IllegalArgumentException error(String message) {
      return new IllegalArgumentException(message + " at offset " + pos);
    }
  }
}
