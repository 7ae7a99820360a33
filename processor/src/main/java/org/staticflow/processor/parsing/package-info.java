/**
 * Phase 2: annotation strings to syntax trees. The language is a small subset of Python expressions:
 * numbers, strings, {@code True}/{@code False}/{@code None}, lists, dotted names, calls with positional
 * and keyword arguments, unary {@code -}, and {@code + - * / @} with Python's precedence ({@code * / @}
 * bind tighter than {@code + -}; all left-associative). Errors carry 1-based columns.
 */
package org.staticflow.processor.parsing;
