package org.staticflow.runtime.graph.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.staticflow.runtime.graph.GraphException;
import org.staticflow.runtime.tensor.BooleanTensor;
import org.staticflow.runtime.tensor.ByteTensor;
import org.staticflow.runtime.tensor.DataType;
import org.staticflow.runtime.tensor.DoubleTensor;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.ShortTensor;
import org.staticflow.runtime.tensor.Tensor;

/**
 * NumPy's {@code .npy} format (versions 1.0, 2.0 and 3.0): the magic {@code \x93NUMPY}, a version, a
 * header length (2 bytes in 1.0, 4 later), a Python dict literal {@code {'descr': '<f4', 'fortran_order':
 * False, 'shape': (3, 1), }} padded to a multiple of 64 bytes, then the elements. Little-endian,
 * C-ordered arrays of bool, int8/16/32/64, uint8/16, float16/32/64 are read and written; big-endian,
 * Fortran-ordered, object and structured arrays are refused with the reason.
 */
public final class NpyFormat {
  private NpyFormat() {}

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** Whether the bytes start with the {@code .npy} magic. */
  public static boolean isNpy(byte[] bytes) {
    if (bytes.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  public static Tensor read(Path file) throws IOException {
    return decode(Files.readAllBytes(file), file.toString());
  }

  public static void write(Path file, Tensor tensor) throws IOException {
    Files.write(file, encode(tensor));
  }

  /**
   * Decodes an {@code .npy} file's bytes.
   *
   * @param source what to call the bytes in error messages (the file name)
   * @throws GraphException if the bytes are not an array this reader supports, saying why
   */
  public static Tensor decode(byte[] bytes, String source) {
    if (!isNpy(bytes) || bytes.length < 10) {
      throw new GraphException(source + ": not a NumPy .npy file (no \\x93NUMPY magic)");
    }
    int major = bytes[6];
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength;
    int headerStart;
    if (major == 1) {
      headerLength = Short.toUnsignedInt(in.getShort(8));
      headerStart = 10;
    } else if (major == 2 || major == 3) {
      if (bytes.length < 12) {
        throw new GraphException(source + ": truncated .npy header");
      }
      headerLength = in.getInt(8);
      headerStart = 12;
    } else {
      throw new GraphException(source + ": .npy format version " + major + "." + bytes[7] + " is not supported (1.0, 2.0, 3.0)");
    }
    if (headerLength < 0 || headerStart + (long) headerLength > bytes.length) {
      throw new GraphException(source + ": truncated .npy header");
    }
    String header = new String(bytes, headerStart, headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    String descr = find(DESCR, header, "descr", source);
    if (find(FORTRAN, header, "fortran_order", source).equals("True")) {
      throw new GraphException(source + ": Fortran-ordered arrays are not supported (save with np.ascontiguousarray)");
    }
    Shape shape = shape(find(SHAPE, header, "shape", source), source);
    DataType type = dataType(descr, source);
    int n = shape.numElementsAsInt();
    int offset = headerStart + headerLength;
    long expected = (long) n * type.byteSize();
    if (bytes.length - offset != expected) {
      throw new GraphException(source + ": " + descr + " array of shape " + shape + " needs " + expected
          + " bytes of data, the file has " + (bytes.length - offset));
    }
    ByteBuffer data = ByteBuffer.wrap(bytes, offset, (int) expected).slice().order(ByteOrder.LITTLE_ENDIAN);
    Tensor tensor = Tensor.zeros(type, shape);
    if (tensor instanceof FloatTensor t) {
      data.asFloatBuffer().get(t.data());
    } else if (tensor instanceof DoubleTensor t) {
      data.asDoubleBuffer().get(t.data());
    } else if (tensor instanceof IntTensor t) {
      data.asIntBuffer().get(t.data());
    } else if (tensor instanceof LongTensor t) {
      data.asLongBuffer().get(t.data());
    } else if (tensor instanceof ShortTensor t) {
      data.asShortBuffer().get(t.data());
    } else if (tensor instanceof ByteTensor t) {
      data.get(t.data());
    } else if (tensor instanceof BooleanTensor t) {
      for (int i = 0; i < n; i++) {
        t.data()[i] = data.get(i) != 0;
      }
    }
    return tensor;
  }

  /** Encodes {@code tensor} as a version 1.0 file (2.0 if the header would not fit). */
  public static byte[] encode(Tensor tensor) {
    String descr = descr(tensor.dataType());
    long[] dims = tensor.shape().dims();
    StringBuilder shape = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      shape.append(i > 0 ? ", " : "").append(dims[i]);
    }
    shape.append(dims.length == 1 ? ",)" : ")");
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    boolean v2 = dict.length() + 11 > 65535;
    int prefix = v2 ? 12 : 10;
    int total = prefix + dict.length() + 1;
    int padded = (total + 63) / 64 * 64;
    String header = dict + " ".repeat(padded - total) + "\n";
    int n = tensor.shape().numElementsAsInt();
    ByteBuffer out = ByteBuffer.allocate(padded + n * tensor.dataType().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) (v2 ? 2 : 1)).put((byte) 0);
    if (v2) {
      out.putInt(header.length());
    } else {
      out.putShort((short) header.length());
    }
    out.put(header.getBytes(StandardCharsets.ISO_8859_1));
    ByteBuffer data = out.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (tensor instanceof FloatTensor t) {
      data.asFloatBuffer().put(t.data());
    } else if (tensor instanceof DoubleTensor t) {
      data.asDoubleBuffer().put(t.data());
    } else if (tensor instanceof IntTensor t) {
      data.asIntBuffer().put(t.data());
    } else if (tensor instanceof LongTensor t) {
      data.asLongBuffer().put(t.data());
    } else if (tensor instanceof ShortTensor t) {
      data.asShortBuffer().put(t.data());
    } else if (tensor instanceof ByteTensor t) {
      data.put(t.data());
    } else if (tensor instanceof BooleanTensor t) {
      for (boolean value : t.data()) {
        data.put((byte) (value ? 1 : 0));
      }
    }
    return out.array();
  }

  private static String find(Pattern pattern, String header, String key, String source) {
    Matcher matcher = pattern.matcher(header);
    if (!matcher.find()) {
      throw new GraphException(source + ": .npy header has no usable '" + key + "': " + header.trim());
    }
    return matcher.group(1);
  }

  private static Shape shape(String text, String source) {
    List<Long> dims = new ArrayList<>();
    for (String part : text.split(",")) {
      String dim = part.trim().replace("L", "");
      if (!dim.isEmpty()) {
        try {
          dims.add(Long.parseLong(dim));
        } catch (NumberFormatException e) {
          throw new GraphException(source + ": bad dimension '" + part.trim() + "' in the .npy shape");
        }
      }
    }
    return Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
  }

  private static DataType dataType(String descr, String source) {
    if (descr.length() < 2) {
      throw new GraphException(source + ": unsupported .npy dtype '" + descr + "'");
    }
    char order = descr.charAt(0);
    String kind = descr.substring(1);
    if (order == '>' && !kind.endsWith("1")) {
      throw new GraphException(source + ": big-endian arrays ('" + descr + "') are not supported; save with "
          + "arr.astype(arr.dtype.newbyteorder('<'))");
    }
    if (order != '<' && order != '|' && order != '=' && order != '>') {
      throw new GraphException(source + ": unsupported .npy dtype '" + descr + "'");
    }
    return switch (kind) {
      case "f4" -> DataType.FLOAT;
      case "f8" -> DataType.DOUBLE;
      case "f2" -> DataType.HALF;
      case "i4" -> DataType.INT32;
      case "i8" -> DataType.INT64;
      case "i2" -> DataType.INT16;
      case "i1" -> DataType.INT8;
      case "u1" -> DataType.UINT8;
      case "u2" -> DataType.UINT16;
      case "b1" -> DataType.BOOL;
      default -> throw new GraphException(source + ": unsupported .npy dtype '" + descr
          + "' (supported: bool, int8/16/32/64, uint8/16, float16/32/64)");
    };
  }

  private static String descr(DataType type) {
    return switch (type) {
      case FLOAT -> "<f4";
      case DOUBLE -> "<f8";
      case HALF -> "<f2";
      case INT32 -> "<i4";
      case INT64 -> "<i8";
      case INT16 -> "<i2";
      case INT8 -> "|i1";
      case UINT8 -> "|u1";
      case UINT16 -> "<u2";
      case BOOL -> "|b1";
      default -> throw new GraphException("a " + type.protoName() + " tensor cannot be written as .npy");
    };
  }
}
