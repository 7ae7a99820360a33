package org.staticflow.kotlin

/**
 * Marks the receivers of the training DSL, so that a block nested in [train]'s block cannot call the outer
 * receiver's members by accident (Kotlin's [DslMarker] scoping).
 */
@DslMarker
@Target(AnnotationTarget.CLASS)
annotation class TrainingDsl
