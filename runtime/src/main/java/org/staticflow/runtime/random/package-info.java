/** Seedable random numbers for initializers and dropout. */
package org.staticflow.runtime.random;
