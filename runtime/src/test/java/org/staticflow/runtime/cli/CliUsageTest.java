package org.staticflow.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Help and usage errors of the command tree. */
class CliUsageTest {
  @Test
  void topLevelHelpListsTheCommandGroupsAndExitStatuses() {
    Cli.Result help = Cli.run("--help");
    assertEquals(0, help.status());
    assertEquals("", help.err());
    assertTrue(help.out().startsWith("Usage: staticflow [-hV] [--verbose] [COMMAND]\n"), help::toString);
    assertTrue(help.out().contains("\n  ckpt    Inspect and rewrite TensorFlow checkpoints.\n"), help::toString);
    assertTrue(help.out().contains("\n  graph   List, draw and run TensorFlow graphs.\n"), help::toString);
    assertTrue(help.out().contains("\n  freeze  Freeze a checkpoint and its .meta graph into a GraphDef.\n"), help::toString);
    assertTrue(help.out().contains("\nExit status:\n  0  success"), help::toString);
  }

  @Test
  void ckptHelpListsEveryCommand() {
    Cli.Result help = Cli.run("ckpt", "--help");
    assertEquals(0, help.status());
    for (String command : new String[] {"list", "show", "rename", "convert", "diff", "help"}) {
      assertTrue(help.out().contains("\n  " + command + " "), command + " missing from\n" + help.out());
    }
    assertEquals(Cli.run("ckpt", "list", "--help"), Cli.run("ckpt", "help", "list"));
  }

  @Test
  void missingCommandOrArgumentsIsAUsageError() {
    Cli.Result none = Cli.run();
    assertEquals(2, none.status());
    assertEquals("", none.out());
    assertEquals(
        "staticflow: Missing required subcommand\nUsage: staticflow [-hV] [--verbose] [COMMAND]\n"
            + "Try 'staticflow --help' for more information.\n",
        none.err());
    Cli.Result show = Cli.run("ckpt", "show", "only-a-prefix");
    assertEquals(2, show.status());
    assertEquals(
        "staticflow: Missing required parameter: 'NAME'\n"
            + "Usage: staticflow ckpt show [-hV] [--all] [--verbose] [--edge-items=N] PREFIX\n"
            + "                            NAME\n"
            + "Try 'staticflow ckpt show --help' for more information.\n",
        show.err());
  }

  @Test
  void unknownCommandsAndOptionsAreNamedWithSuggestions() {
    Cli.Result typo = Cli.run("ckpt", "lst", "x");
    assertEquals(2, typo.status());
    assertTrue(typo.err().startsWith("staticflow: Unmatched arguments from index 1: 'lst', 'x'\nDid you mean:"),
        typo::toString);
    Cli.Result option = Cli.run("ckpt", "list", "--bogus", "x");
    assertEquals(2, option.status());
    assertTrue(option.err().startsWith("staticflow: Unknown option: '--bogus'\n"), option::toString);
    Cli.Result edge = Cli.run("ckpt", "show", "--edge-items", "0", "x", "y");
    assertEquals(2, edge.status());
    assertTrue(edge.err().startsWith("staticflow: --edge-items must be at least 1, got 0\n"), edge::toString);
  }

  @Test
  void versionIsPrinted() {
    Cli.Result version = Cli.run("--version");
    assertEquals(0, version.status());
    assertTrue(version.out().startsWith("staticflow "), version::toString);
  }
}
