/** What training runs show people: a progress bar on the terminal and training curves as a PNG. */
package org.staticflow.runtime.report;
