package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.staticflow.runtime.checkpoint.CheckpointException;
import org.staticflow.runtime.checkpoint.CheckpointKeyNotFoundException;

class RenameMappingTest {
  private static final List<String> KEYS = List.of("a", "b", "scope/w");

  @Test
  void parsesPairsSplittingAtTheFirstEquals() {
    RenameMapping mapping = RenameMapping.parse(List.of("a=x", "scope/w=new/w=1"));
    assertEquals(Map.of("a", "x", "scope/w", "new/w=1"), mapping.renames());
  }

  @Test
  void refusesMalformedPairs() {
    for (String bad : List.of("a", "=x", "a=", "a=\0x")) {
      assertThrows(IllegalArgumentException.class, () -> RenameMapping.parse(List.of(bad)), bad);
    }
    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class, () -> RenameMapping.parse(List.of("a=x", "a=y")));
    assertEquals("'a' is renamed twice", twice.getMessage());
  }

  @Test
  void unknownOldNameIsNamed() {
    CheckpointKeyNotFoundException e =
        assertThrows(
            CheckpointKeyNotFoundException.class,
            () -> RenameMapping.parse(List.of("a=x", "d=y")).validate(KEYS, "/ckpt/model"));
    assertEquals("Key d not found in checkpoint /ckpt/model", e.getMessage());
  }

  @Test
  void collisionWithAnUnrenamedTensorIsRefused() {
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> RenameMapping.parse(List.of("b=a")).validate(KEYS, "/m"));
    assertEquals("cannot rename b to a: tensor a in checkpoint /m would have the same name", e.getMessage());
  }

  @Test
  void twoRenamesToOneNameAreRefused() {
    CheckpointException e =
        assertThrows(
            CheckpointException.class, () -> RenameMapping.parse(List.of("a=z", "b=z")).validate(KEYS, "/m"));
    assertEquals("cannot rename b to z: tensor a in checkpoint /m would have the same name", e.getMessage());
  }

  @Test
  void swapsAndChainsAreFine() {
    assertDoesNotThrow(() -> RenameMapping.parse(List.of("a=b", "b=a")).validate(KEYS, "/m"));
    assertDoesNotThrow(() -> RenameMapping.parse(List.of("a=b", "b=c")).validate(KEYS, "/m"));
  }
}
