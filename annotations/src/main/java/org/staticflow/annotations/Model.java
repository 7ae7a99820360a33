package org.staticflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a model: its {@link Input}, {@link Variable}, {@link Layer}, {@link Output} and
 * {@link Loss} members declare a static graph. The processor generates {@code Staticflow_<Name>}, a class
 * in the same package that implements the interface (see the {@linkplain org.staticflow.annotations
 * package documentation} for a complete model).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Model {}
