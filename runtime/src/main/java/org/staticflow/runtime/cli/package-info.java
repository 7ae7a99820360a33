/**
 * The {@code staticflow} command-line tool: picocli commands for inspecting and rewriting TensorFlow
 * checkpoints ({@code staticflow ckpt list|show|rename|convert|diff}). {@link
 * org.staticflow.runtime.cli.StaticflowCli} is the entry point; the {@code ./staticflow} launcher at the
 * repository root runs it from the built jars.
 */
package org.staticflow.runtime.cli;
