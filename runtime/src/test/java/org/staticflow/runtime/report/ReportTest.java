package org.staticflow.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @Test
  void plainProgressPrintsOneLinePerTenthWithLossRateAndEta() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long[] now = {0};
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1000, "steps", false,
        () -> now[0], 0);
    for (int step = 1; step <= 1000; step++) {
      now[0] += 2_000_000L; // 2 ms per step: 500 steps/s
      bar.update(step, 1.0 / step);
    }
    bar.finish();
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(11, lines.length, String.join("\n", lines));
    assertEquals("[###...........................] 100/1000 steps  loss 0.0100  500.0 steps/s  eta 0:02", lines[1]);
    assertEquals("[##############################] 1000/1000 steps  loss 0.0010  500.0 steps/s", lines[10]);
  }

  @Test
  void interactiveProgressRedrawsInPlaceAtMostEveryInterval() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long[] now = {0};
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100, "steps", true,
        () -> now[0], 1_000_000_000L);
    for (int step = 1; step <= 100; step++) {
      now[0] += 100_000_000L; // 0.1 s per step: a redraw every 10 steps
      bar.update(step, Double.NaN);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(11, text.chars().filter(c -> c == '\r').count(), text);
    assertTrue(text.endsWith("100/100 steps  10.0 steps/s\n"), text);
  }

  @Test
  void curvesAreDrawnAsAPngWithOnePanelPerSeries(@TempDir Path dir) throws Exception {
    TrainingCurves curves = new TrainingCurves();
    for (int step = 0; step <= 1000; step += 10) {
      curves.record("loss", step, 2.3 * Math.exp(-step / 200.0) + 0.05);
      curves.record("validation accuracy", step, 1 - Math.exp(-step / 150.0) * 0.9);
    }
    curves.record("loss", 1010, Double.NaN);
    assertEquals(101, curves.points("loss").size());
    Path png = dir.resolve("model/curves.png");
    curves.writePng(png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(640, image.getWidth());
    assertEquals(480, image.getHeight());
    // The loss curve starts high at the left of the first panel: its colour appears near the top-left.
    boolean found = false;
    for (int x = 70; x < 90 && !found; x++) {
      for (int y = 30; y < 60 && !found; y++) {
        found = (image.getRGB(x, y) & 0xffffff) == 0x1f77b4;
      }
    }
    assertTrue(found, "the loss curve should start in the top-left of its panel");
  }
}
