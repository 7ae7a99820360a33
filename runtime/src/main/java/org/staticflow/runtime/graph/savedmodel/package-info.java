/**
 * TF1 SavedModels and meta graphs with their checkpoints:
 * {@link org.staticflow.runtime.graph.savedmodel.ModelBundle} restores the variables and serves
 * signatures through {@link org.staticflow.runtime.graph.savedmodel.SignatureRunner}.
 */
package org.staticflow.runtime.graph.savedmodel;
