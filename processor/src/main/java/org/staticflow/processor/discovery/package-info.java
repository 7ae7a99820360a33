/**
 * Phase 1: finds {@code @Model} and {@code @Layer} types and turns their members into declarations
 * ({@link org.staticflow.processor.discovery.ScopeDecl}), checking everything that does not need the
 * expressions: member kinds and signatures, shapes, dtypes, layer types, duplicate scopes. Reads only
 * the element model and annotation values, never method bodies, so it works on kapt's stubs.
 */
package org.staticflow.processor.discovery;
