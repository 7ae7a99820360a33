package org.staticflow.runtime.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Records named series of (step, value) points during training (loss, accuracy, ...) and draws them as a
 * PNG chart, one panel per series, so a run leaves a picture of its training curves next to its
 * checkpoints. Drawing uses Java2D in headless mode; no display is needed.
 */
public final class TrainingCurves {
  private static final int PANEL_WIDTH = 640;
  private static final int PANEL_HEIGHT = 240;
  private static final int MARGIN_LEFT = 70;
  private static final int MARGIN_RIGHT = 20;
  private static final int MARGIN_TOP = 30;
  private static final int MARGIN_BOTTOM = 30;
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
      new Color(0x9467bd)};

  private final Map<String, List<double[]>> series = new LinkedHashMap<>();

  /** Adds a point to series {@code name}; points are drawn in the order added. NaN and infinities are skipped. */
  public void record(String name, long step, double value) {
    if (Double.isFinite(value)) {
      series.computeIfAbsent(name, key -> new ArrayList<>()).add(new double[] {step, value});
    }
  }

  /** The points of series {@code name}, as {step, value} pairs. */
  public List<double[]> points(String name) {
    return List.copyOf(series.getOrDefault(name, List.of()));
  }

  /** Writes the chart to {@code file} (PNG), creating parent directories. */
  public void writePng(Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int panels = Math.max(1, series.size());
    BufferedImage image = new BufferedImage(PANEL_WIDTH, PANEL_HEIGHT * panels, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      int panel = 0;
      for (Map.Entry<String, List<double[]>> entry : series.entrySet()) {
        drawPanel(g, entry.getKey(), entry.getValue(), panel * PANEL_HEIGHT, COLORS[panel % COLORS.length]);
        panel++;
      }
      if (series.isEmpty()) {
        g.setColor(Color.GRAY);
        g.drawString("no data recorded", MARGIN_LEFT, PANEL_HEIGHT / 2);
      }
    } finally {
      g.dispose();
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer available to write " + file);
    }
  }

  private static void drawPanel(Graphics2D g, String name, List<double[]> points, int top, Color color) {
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (double[] p : points) {
      minX = Math.min(minX, p[0]);
      maxX = Math.max(maxX, p[0]);
      minY = Math.min(minY, p[1]);
      maxY = Math.max(maxY, p[1]);
    }
    if (maxX == minX) {
      maxX = minX + 1;
    }
    if (maxY == minY) {
      maxY = minY + 1;
    }
    int left = MARGIN_LEFT;
    int right = PANEL_WIDTH - MARGIN_RIGHT;
    int plotTop = top + MARGIN_TOP;
    int bottom = top + PANEL_HEIGHT - MARGIN_BOTTOM;
    g.setColor(new Color(0xeeeeee));
    for (int i = 0; i <= 4; i++) {
      int y = bottom - (bottom - plotTop) * i / 4;
      g.drawLine(left, y, right, y);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawRect(left, plotTop, right - left, bottom - plotTop);
    g.drawString(name, left, top + MARGIN_TOP - 10);
    for (int i = 0; i <= 4; i++) {
      double value = minY + (maxY - minY) * i / 4;
      int y = bottom - (bottom - plotTop) * i / 4;
      g.drawString(String.format(Locale.ROOT, "%.4g", value), 5, y + 4);
    }
    g.drawString(String.format(Locale.ROOT, "%.0f", minX), left, bottom + 15);
    String last = String.format(Locale.ROOT, "step %.0f", maxX);
    g.drawString(last, right - g.getFontMetrics().stringWidth(last), bottom + 15);
    if (points.isEmpty()) {
      return;
    }
    g.setColor(color);
    g.setStroke(new BasicStroke(1.5f));
    int previousX = -1;
    int previousY = -1;
    for (double[] p : points) {
      int x = left + (int) Math.round((p[0] - minX) / (maxX - minX) * (right - left));
      int y = bottom - (int) Math.round((p[1] - minY) / (maxY - minY) * (bottom - plotTop));
      if (previousX >= 0) {
        g.drawLine(previousX, previousY, x, y);
      } else if (points.size() == 1) {
        g.fillOval(x - 2, y - 2, 5, 5);
      }
      previousX = x;
      previousY = y;
    }
  }
}
