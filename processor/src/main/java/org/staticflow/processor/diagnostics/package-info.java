/**
 * Compiler diagnostics: stable ids ({@link org.staticflow.processor.diagnostics.DiagnosticId}), the one
 * catalogue of message texts ({@link org.staticflow.processor.diagnostics.Messages}), source locations
 * and the reporter that attaches them to elements and annotation values.
 */
package org.staticflow.processor.diagnostics;
