package org.staticflow.kotlin

import java.lang.management.ManagementFactory
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/**
 * The DSL's training loop allocates nothing per step: the feed and callbacks take primitive step numbers and
 * losses (no boxing), and the runtime's step allocates nothing once warm. Measured inside one long run by an
 * onStep callback that reads the thread's allocated bytes every [WINDOW] steps; the least window counts,
 * since the SIMD kernels allocate until C2 has compiled them (as the processor's AllocationMeter explains),
 * while allocation on every step shows in every window.
 */
class AllocationTest {
    private companion object {
        const val WINDOW = 100
        const val WINDOWS = 300
    }

    @Test
    fun aTrainingStepAllocatesNothingOnceWarm() {
        val threads = ManagementFactory.getThreadMXBean() as com.sun.management.ThreadMXBean
        val readings = LongArray(WINDOWS)
        var count = 0
        val data = separableData()
        train(Staticflow_TinyClassifier()) {
            optimizer = adam(learningRate = 0.01)
            steps = WINDOW * WINDOWS
            batchSize = 8
            movingAverage(decay = 0.99)
            feed { data.nextBatch(x(), labels()) }
            onStep(every = 7) { _, loss -> if (loss < 0f) throw AssertionError("negative loss $loss") }
            onStep(every = WINDOW) { _, _ -> readings[count++] = threads.currentThreadAllocatedBytes }
        }
        var least = Long.MAX_VALUE
        for (i in 1 until count) least = minOf(least, readings[i] - readings[i - 1])
        assertEquals(0L, least, "bytes allocated by $WINDOW training steps (least of ${count - 1} windows)")
    }
}
