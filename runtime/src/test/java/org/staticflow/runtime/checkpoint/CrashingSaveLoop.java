package org.staticflow.runtime.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.staticflow.runtime.tensor.IntTensor;
import org.staticflow.runtime.tensor.LongTensor;
import org.staticflow.runtime.tensor.Shape;
import org.staticflow.runtime.tensor.Tensor;

/**
 * The process that {@link SaverCrashTest} kills: saves a large tensor again and again with a
 * {@link Saver}, printing {@code SAVING <step>} before and {@code SAVED <step>} after each save so the
 * test can tell where it is. Stops by itself after a bounded number of saves.
 *
 * <p>Arguments: directory, number of int32 elements of the large tensor, max_to_keep, number of saves.
 */
public final class CrashingSaveLoop {
  /** The value element {@code i} of the large tensor has in the checkpoint of {@code step}. */
  static int value(long step, int i) {
    return (int) (i * 31L + step * 1_000_003L);
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int elements = Integer.parseInt(args[1]);
    int maxToKeep = Integer.parseInt(args[2]);
    int saves = Integer.parseInt(args[3]);
    IntTensor weights = IntTensor.of(Shape.of(elements), new int[elements]);
    LongTensor globalStep = LongTensor.scalar(0);
    Map<String, Tensor> variables = new LinkedHashMap<>();
    variables.put("weights", weights);
    variables.put("global_step", globalStep);
    Saver saver = Saver.builder(variables).maxToKeep(maxToKeep).build();
    int[] data = weights.data();
    for (long step = 1; step <= saves; step++) {
      for (int i = 0; i < elements; i++) {
        data[i] = value(step, i);
      }
      globalStep.data()[0] = step;
      System.out.println("SAVING " + step);
      System.out.flush();
      saver.save(dir.resolve("model.ckpt"), step);
      System.out.println("SAVED " + step);
      System.out.flush();
    }
    System.out.println("DONE");
  }
}
