package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.staticflow.runtime.checkpoint.CheckpointException;
import org.staticflow.runtime.checkpoint.CheckpointKeyNotFoundException;

class RenameMappingTest {
  private static final List<String> KEYS = List.of("a", "b", "scope/w", "scope/inner/w", "scoped");

  private static Map<String, String> resolve(String... pairs) throws CheckpointException {
    return RenameMapping.parse(List.of(pairs)).resolve(KEYS, "/m");
  }

  @Test
  void splitsAtTheFirstEqualsAndReturnsOnlyChangedNames() throws Exception {
    assertEquals(Map.of("a", "x=1"), resolve("a=x=1", "b=b"));
    assertEquals(Map.of(), RenameMapping.NONE.resolve(KEYS, "/m"));
  }

  @Test
  void refusesMalformedPairs() {
    for (String bad : List.of("a", "=x", "a=", "a=\0x", "scope/=net")) {
      assertThrows(IllegalArgumentException.class, () -> RenameMapping.parse(List.of(bad)), bad);
    }
    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class, () -> RenameMapping.parse(List.of("a=x", "a=y")));
    assertEquals("'a' is renamed twice", twice.getMessage());
  }

  @Test
  void unknownOldNameIsNamedLikeTensorFlow() {
    CheckpointKeyNotFoundException e = assertThrows(CheckpointKeyNotFoundException.class, () -> resolve("a=x", "d=y"));
    assertEquals("Key d not found in checkpoint /m", e.getMessage());
    CheckpointException scope = assertThrows(CheckpointException.class, () -> resolve("nothing/=x/"));
    assertEquals("no tensor in scope nothing/ in checkpoint /m", scope.getMessage());
  }

  @Test
  void collisionWithAnUnrenamedTensorIsRefused() {
    CheckpointException e = assertThrows(CheckpointException.class, () -> resolve("b=a"));
    assertEquals("cannot rename b to a: tensor a in checkpoint /m would have the same name", e.getMessage());
  }

  @Test
  void twoRenamesToOneNameAreRefused() {
    CheckpointException e = assertThrows(CheckpointException.class, () -> resolve("a=z", "b=z"));
    assertEquals("cannot rename b to z: tensor a in checkpoint /m would have the same name", e.getMessage());
  }

  @Test
  void swapsAndChainsAreFine() throws Exception {
    assertEquals(Map.of("a", "b", "b", "a"), resolve("a=b", "b=a"));
    assertEquals(Map.of("a", "b", "b", "c"), resolve("a=b", "b=c"));
  }

  @Test
  void scopesRenameEveryKeyUnderThemMostSpecificFirst() throws Exception {
    assertEquals(Map.of("scope/w", "net/w", "scope/inner/w", "net/inner/w"), resolve("scope/=net/"));
    assertEquals(
        Map.of("scope/w", "net/w", "scope/inner/w", "deep/w", "scoped", "s"),
        resolve("scope/=net/", "scope/inner/=deep/", "scoped=s"));
    assertEquals(Map.of("scope/w", "kept", "scope/inner/w", "net/inner/w"), resolve("scope/=net/", "scope/w=kept"));
    assertEquals(Map.of("scope/w", "w", "scope/inner/w", "inner/w"), resolve("scope/=", "scope/w=w"));
    CheckpointException clash = assertThrows(CheckpointException.class, () -> resolve("scope/inner/=scope/"));
    assertEquals(
        "cannot rename scope/inner/w to scope/w: tensor scope/w in checkpoint /m would have the same name",
        clash.getMessage());
  }
}
