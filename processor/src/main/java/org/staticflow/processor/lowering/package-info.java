/**
 * Phase 3: lowering declarations and syntax trees to the IR. Resolves names in TensorFlow 1.x's scope
 * rules (a layer member opens a variable scope; applying it again reuses the variables and opens name
 * scope {@code layer_1}; op names are unique, {@code MatMul}, {@code MatMul_1}), binds function arguments
 * by position and keyword, and builds typed nodes.
 */
package org.staticflow.processor.lowering;
