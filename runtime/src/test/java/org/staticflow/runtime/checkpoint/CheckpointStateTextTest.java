package org.staticflow.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.staticflow.proto.CheckpointState;

class CheckpointStateTextTest {
  private static final Path SOURCE = Path.of("dir/checkpoint");

  @Test
  void printsLikePythonTextFormat() {
    CheckpointState state =
        CheckpointState.newBuilder()
            .setModelCheckpointPath("ckpt-4")
            .addAllModelCheckpointPaths("ckpt-3")
            .addAllModelCheckpointPaths("ckpt-4")
            .addAllModelCheckpointTimestamps(1714000000.123456)
            .addAllModelCheckpointTimestamps(1714000100.5)
            .setLastPreservedTimestamp(1713999990.25)
            .build();
    assertEquals(
        "model_checkpoint_path: \"ckpt-4\"\n"
            + "all_model_checkpoint_paths: \"ckpt-3\"\n"
            + "all_model_checkpoint_paths: \"ckpt-4\"\n"
            + "all_model_checkpoint_timestamps: 1714000000.123456\n"
            + "all_model_checkpoint_timestamps: 1714000100.5\n"
            + "last_preserved_timestamp: 1713999990.25\n",
        CheckpointStateText.print(state));
  }

  @Test
  void omitsProto3Defaults() {
    assertEquals("", CheckpointStateText.print(CheckpointState.getDefaultInstance()));
    assertEquals(
        "all_model_checkpoint_paths: \"a\"\n",
        CheckpointStateText.print(CheckpointState.newBuilder().addAllModelCheckpointPaths("a").build()));
  }

  @Test
  void escapesStringsLikePythonCEscape() throws Exception {
    // Python: text_format.MessageToString(CheckpointState(model_checkpoint_path='a"b\\c\'d\te\nf\x07ü'))
    String path = "a\"b\\c'd\te\nf\u0007\u00fc\r\u007f";
    String printed =
        CheckpointStateText.print(CheckpointState.newBuilder().setModelCheckpointPath(path).build());
    assertEquals(
        "model_checkpoint_path: \"a\\\"b\\\\c\\'d\\te\\nf\\007\\303\\274\\r\\177\"\n", printed);
    assertEquals(path, CheckpointStateText.parse(printed, SOURCE).getModelCheckpointPath());
  }

  @Test
  void roundTripsAllFields() throws Exception {
    CheckpointState state =
        CheckpointState.newBuilder()
            .setModelCheckpointPath("/abs/model.ckpt-20")
            .addAllAllModelCheckpointPaths(List.of("/abs/model.ckpt-10", "/abs/model.ckpt-20"))
            .addAllModelCheckpointTimestamps(1e16)
            .addAllModelCheckpointTimestamps(0.00001)
            .setLastPreservedTimestamp(-0.0)
            .build();
    String text = CheckpointStateText.print(state);
    assertTrue(text.contains("all_model_checkpoint_timestamps: 1e+16\n"), text);
    assertTrue(text.contains("all_model_checkpoint_timestamps: 1e-05\n"), text);
    assertTrue(text.contains("last_preserved_timestamp: -0.0\n"), text);
    assertEquals(state, CheckpointStateText.parse(text, SOURCE));
  }

  @Test
  void parsesWhatPythonAcceptsBesidesItsOwnOutput() throws Exception {
    String text =
        "# written by hand\n"
            + "model_checkpoint_path: 'mo' \"del\\x2d\\0611\"  all_model_checkpoint_paths: \"model-1\"\n"
            + "all_model_checkpoint_timestamps: inf all_model_checkpoint_timestamps: 2\n";
    CheckpointState state = CheckpointStateText.parse(text, SOURCE);
    assertEquals("model-11", state.getModelCheckpointPath());
    assertEquals(List.of("model-1"), state.getAllModelCheckpointPathsList());
    assertEquals(List.of(Double.POSITIVE_INFINITY, 2.0), state.getAllModelCheckpointTimestampsList());
  }

  @Test
  void parseErrorNamesFileAndPosition() {
    CorruptCheckpointException e =
        assertThrows(
            CorruptCheckpointException.class,
            () -> CheckpointStateText.parse("model_checkpoint_path: \"a\"\nmodel_path: \"b\"\n", SOURCE));
    assertTrue(e.getMessage().startsWith("checkpoint state file dir/checkpoint is not a valid"), e.getMessage());
    assertTrue(e.getMessage().contains("2:1"), e.getMessage());
    assertTrue(e.getMessage().contains("model_path"), e.getMessage());
  }
}
