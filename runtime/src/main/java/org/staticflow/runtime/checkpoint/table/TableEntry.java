package org.staticflow.runtime.checkpoint.table;

/** One key/value pair of a table, as raw bytes. */
public record TableEntry(byte[] key, byte[] value) {}
