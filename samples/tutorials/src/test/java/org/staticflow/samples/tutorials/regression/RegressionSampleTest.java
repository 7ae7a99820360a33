package org.staticflow.samples.tutorials.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staticflow.runtime.checkpoint.CheckpointReader;
import org.staticflow.runtime.checkpoint.VariableInfo;
import org.staticflow.runtime.cli.StaticflowCli;
import org.staticflow.runtime.tensor.FloatTensor;
import org.staticflow.samples.tutorials.NumpyFormat;
import org.staticflow.samples.tutorials.PythonFormat;

/** {@code staticflow sample regression train|resume}: what it prints, saves and restores. */
class RegressionSampleTest {
  private static final Pattern STEP =
      Pattern.compile("Step:(\\d+), alpha:(-?\\d+\\.\\d{6}), beta:(-?\\d+\\.\\d{6})");

  @Test
  void pointsAreNumpysFloat32Values() {
    // np.random.seed(1234); x = np.random.rand(100).astype(np.float32); y = x * 0.1 + 0.3 (bits from NumPy)
    RegressionData data = RegressionData.tutorial();
    assertEquals(100, data.size());
    assertEquals(0x3e441dad, Float.floatToIntBits(data.x()[0]));
    assertEquals(0x3f1f4285, Float.floatToIntBits(data.x()[1]));
    assertEquals(0x3f2b5f39, Float.floatToIntBits(data.x()[99]));
    assertEquals(0x3ea367e3, Float.floatToIntBits(data.y()[0]));
    assertEquals(0x3eb973b5, Float.floatToIntBits(data.y()[1]));
    assertEquals(0x3ebbdfd9, Float.floatToIntBits(data.y()[99]));
  }

  @Test
  void trainSavesAndResumeContinuesTowardTheLine(@TempDir Path dir) throws IOException {
    Result train = run("sample", "regression", "train", "--model-dir", dir.toString());
    assertEquals(0, train.status(), train.err());
    List<String> lines = train.out().lines().toList();
    assertEquals(26, lines.size(), train.out());
    for (int step = 0; step < 25; step++) {
      Matcher matcher = STEP.matcher(lines.get(step));
      assertTrue(matcher.matches(), lines.get(step));
      assertEquals(step, Integer.parseInt(matcher.group(1)));
    }
    Path prefix = dir.resolve(RegressionSample.CHECKPOINT);
    assertEquals("Model saved in file: " + prefix, lines.get(25));

    float alpha;
    float beta;
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      assertEquals(List.of("alpha", "beta"), reader.listVariables().stream().map(VariableInfo::name).toList());
      alpha = ((FloatTensor) reader.getTensor("alpha")).data()[0];
      beta = ((FloatTensor) reader.getTensor("beta")).data()[0];
    }
    Matcher last = STEP.matcher(lines.get(24));
    assertTrue(last.matches());
    assertEquals(PythonFormat.f(alpha), last.group(2));
    assertEquals(PythonFormat.f(beta), last.group(3));

    // Resume from exactly the saved values: its first step is the step taken from them.
    RegressionTraining expected = new RegressionTraining(RegressionData.tutorial(), 0.5f, 0);
    expected.restore(prefix);
    assertEquals(alpha, expected.alpha());
    expected.step();

    Result resume = run("sample", "regression", "resume", "--model-dir", dir.toString());
    assertEquals(0, resume.status(), resume.err());
    List<String> resumed = resume.out().lines().toList();
    assertEquals("Restored alpha: " + NumpyFormat.array(alpha) + ", beta: " + NumpyFormat.array(beta),
        resumed.get(0));
    assertEquals(RegressionSample.stepLine(0, expected), resumed.get(1));
    assertEquals(7, resumed.size(), resume.out());   // steps 0, 10, ..., 50
    Matcher end = STEP.matcher(resumed.get(6));
    assertTrue(end.matches(), resumed.get(6));
    assertEquals(50, Integer.parseInt(end.group(1)));
    // 76 steps in all: the fit approaches y = 0.1 x + 0.3 (still moving at 0.5 per step's contraction).
    assertTrue(Math.abs(Double.parseDouble(end.group(2)) - 0.3) < 0.01, resumed.get(6));
    assertTrue(Math.abs(Double.parseDouble(end.group(3)) - 0.1) < 0.01, resumed.get(6));
    // The first 25 steps had not got there: training, not the initial values, did it.
    assertTrue(Math.abs(alpha - 0.3f) > 0.04, "after 25 steps alpha " + alpha);
  }

  @Test
  void fitsPointsFromACsvFile(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("points.csv");
    Files.writeString(csv, "x,y\n# y = 2x - 1\n0,-1\n0.5,0\n1,1\n\n2,3\n");
    Result train = run("sample", "regression", "train", "--data", csv.toString(), "--model-dir",
        dir.resolve("m").toString(), "--steps", "300", "--lr", "0.1", "--initial-beta", "0");
    assertEquals(0, train.status(), train.err());
    Matcher last = STEP.matcher(train.out().lines().toList().get(299));
    assertTrue(last.matches());
    assertEquals(-1, Double.parseDouble(last.group(2)), 1e-3);
    assertEquals(2, Double.parseDouble(last.group(3)), 1e-3);
  }

  @Test
  void badCsvRowIsNamedByFileAndLine(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("points.csv");
    Files.writeString(csv, "x,y\n0.1,0.31\n0.2,abc\n");
    Result train = run("sample", "regression", "train", "--data", csv.toString(), "--model-dir", dir.toString());
    assertEquals(2, train.status());
    assertEquals("staticflow: " + csv + ":3: y is not a number: 'abc' (row: 0.2,abc)", train.err().strip());

    Files.writeString(csv, "0.1,0.31,7\n");
    train = run("sample", "regression", "train", "--data", csv.toString(), "--model-dir", dir.toString());
    assertEquals(2, train.status());
    assertTrue(train.err().contains(csv + ":1: expected two comma-separated numbers x,y but found 3 fields"),
        train.err());

    Path missing = dir.resolve("none.csv");
    train = run("sample", "regression", "train", "--data", missing.toString(), "--model-dir", dir.toString());
    assertEquals(2, train.status());
    assertTrue(train.err().contains(missing + ": no such data file"), train.err());
    assertTrue(Files.notExists(dir.resolve(RegressionSample.CHECKPOINT + ".index")));
  }

  @Test
  void resumeWithoutCheckpointNamesIt(@TempDir Path dir) {
    Result resume = run("sample", "regression", "resume", "--model-dir", dir.toString());
    assertEquals(2, resume.status());
    assertTrue(resume.err().contains(dir.resolve(RegressionSample.CHECKPOINT).toString()), resume.err());
  }

  record Result(int status, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = StaticflowCli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(status, out.toString(), err.toString());
  }
}
