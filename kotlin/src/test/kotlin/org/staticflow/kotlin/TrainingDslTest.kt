package org.staticflow.kotlin

import java.nio.file.Files
import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import org.staticflow.runtime.checkpoint.CheckpointReader
import org.staticflow.runtime.checkpoint.Checkpoints
import org.staticflow.runtime.tensor.LongTensor
import org.staticflow.runtime.train.AdagradOptimizer
import org.staticflow.runtime.train.AdamOptimizer
import org.staticflow.runtime.train.GradientDescentOptimizer
import org.staticflow.runtime.train.LearningRate
import org.staticflow.runtime.train.MomentumOptimizer
import org.staticflow.runtime.train.Optimizer
import org.staticflow.runtime.train.RMSPropOptimizer
import org.staticflow.runtime.train.Trainer

/** The training DSL configures the runtime's Trainer and Saver as written, and refuses what it cannot run. */
class TrainingDslTest {

    @Test
    fun optimizerFactoriesAreTensorFlowsOptimizers() {
        // The factories' return types are the runtime's optimizer classes; what is checked is what they build.
        assertEquals(
            listOf("GradientDescent", "Momentum", "Adam", "RMSProp", "Adagrad"),
            listOf(gradientDescent(0.5), momentum(0.1, 0.9), adam(), rmsProp(0.01), adagrad(0.1)).map { it.name() })
        assertEquals(0.001f, adam().learningRate().at(1234))
        assertEquals(1e-4f, adam(1e-4).learningRate().at(0))
    }

    @Test
    fun schedulesAreTensorFlowsSchedules() {
        val staircase = exponentialDecay(learningRate = 0.1, decaySteps = 100, decayRate = 0.5, staircase = true)
        assertEquals(0.1f, staircase.at(99))
        assertEquals(0.05f, staircase.at(100))
        assertEquals(0.025f, staircase.at(250))
        val smooth = exponentialDecay(learningRate = 0.1, decaySteps = 100, decayRate = 0.5)
        assertEquals(0.1f * Math.pow(0.5, 1.5).toFloat(), smooth.at(150), 1e-8f)
        val pieces = piecewiseConstant(boundaries = listOf(10L, 20L), values = listOf(1.0, 0.5, 0.1))
        assertEquals(listOf(1f, 1f, 0.5f, 0.5f, 0.1f), listOf(0L, 10L, 11L, 20L, 21L).map { pieces.at(it) })
        val poly = polynomialDecay(learningRate = 1.0, decaySteps = 10, endLearningRate = 0.0, power = 1.0)
        assertEquals(0.5f, poly.at(5))
        assertEquals(0f, poly.at(50))
        assertEquals(0.25f, constantRate(0.25).at(99))
        val decayed = adam(learningRate = staircase)
        assertEquals(0.05f, decayed.learningRate().at(100))
        val message = assertThrows<IllegalArgumentException> { exponentialDecay(0.1, decaySteps = 0, decayRate = 0.5) }
        assertTrue(message.message!!.contains("decay_steps"), message.message)
    }

    /** Named arguments reach the right constructor parameters: the DSL's run equals the Java API's run. */
    @Test
    fun dslTrainsExactlyAsTheJavaApiWithTheSameHyperparameters() {
        val cases: List<Pair<Optimizer, Optimizer>> = listOf(
            adam(learningRate = 0.01, beta1 = 0.5, beta2 = 0.9, epsilon = 1e-3) to
                AdamOptimizer(LearningRate.constant(0.01f), 0.5f, 0.9f, 1e-3f),
            momentum(learningRate = 0.05, momentum = 0.7, useNesterov = true) to
                MomentumOptimizer(LearningRate.constant(0.05f), 0.7f, true),
            rmsProp(learningRate = 0.01, decay = 0.8, momentum = 0.3, epsilon = 1e-4, centered = true) to
                RMSPropOptimizer(LearningRate.constant(0.01f), 0.8f, 0.3f, 1e-4f, true),
            adagrad(learningRate = 0.2, initialAccumulatorValue = 0.5) to
                AdagradOptimizer(LearningRate.constant(0.2f), 0.5f),
            gradientDescent(learningRate = exponentialDecay(0.5, decaySteps = 3, decayRate = 0.5)) to
                GradientDescentOptimizer { step -> 0.5f * Math.pow(0.5, step / 3.0).toFloat() },
        )
        for ((dsl, java) in cases) {
            val viaDsl = Staticflow_TinyClassifier()
            val result = train(viaDsl) {
                optimizer = dsl
                steps = 7
                batchSize = 16
                seed = 5
                movingAverage(decay = 0.9)
                data(separableData()) { x() to labels() }
            }

            val viaJava = Staticflow_TinyClassifier()
            viaJava.initializeVariables(5)
            viaJava.batchSize(16)
            val trainer = Trainer.builder(viaJava, java)
                .movingAverage(org.staticflow.runtime.train.ExponentialMovingAverage(0.9f)).build()
            val data = separableData()
            var loss = Float.NaN
            repeat(7) {
                data.nextBatch(viaJava.x(), viaJava.labels())
                loss = trainer.step()
            }
            assertEquals(viaJava.snapshot(), viaDsl.snapshot(), java.name())
            assertEquals(loss, result.loss, java.name())
            assertEquals(7L, result.step)
            assertEquals(trainer.variables().names(), result.trainer.variables().names(), java.name())
        }
    }

    @Test
    fun trainingLowersTheLossAndCallbacksSeeEveryNthStep() {
        val seen = ArrayList<Pair<Long, Float>>()
        val fed = ArrayList<Long>()
        val data = separableData()
        val model = Staticflow_TinyClassifier()
        val result = train(model) {
            optimizer = gradientDescent(learningRate = 0.5)
            steps = 60
            batchSize = 30
            seed = 1
            feed { step ->
                fed.add(step)
                data.nextBatch(x(), labels())
            }
            onStep(every = 20) { step, loss -> seen.add(step to loss) }
        }
        assertEquals((0L until 60L).toList(), fed)
        assertEquals(listOf(20L, 40L, 60L), seen.map { it.first })
        assertEquals(result.loss, seen.last().second)
        assertEquals(60L, result.step)
        assertEquals(60L, result.trainer.globalStep().get())
        assertTrue(seen[0].second > result.loss, "loss ${seen.map { it.second }}")
        assertTrue(result.loss < 0.3f, "loss after 60 steps: ${result.loss}")
        assertTrue(result.model === model)
    }

    @Test
    fun sameSeedSameRun() {
        fun run() = Staticflow_TinyClassifier().let { model ->
            train(model) {
                optimizer = adam(learningRate = 0.05)
                steps = 10
                batchSize = 8
                seed = 42
                data(separableData()) { x() to labels() }
            }.loss to model.snapshot()
        }
        assertEquals(run(), run())
    }

    @Test
    fun checkpointsAtTheMultiplesOfTheIntervalAndAtTheEnd(@TempDir dir: Path) {
        val notified = ArrayList<Path>()
        val result = train(Staticflow_TinyClassifier()) {
            optimizer = adam(learningRate = 0.01)
            steps = 25
            batchSize = 10
            movingAverage(decay = 0.99)
            data(separableData()) { x() to labels() }
            checkpointEvery(10, dir = dir.resolve("run"), maxToKeep = 2)
            onCheckpoint { notified.add(it) }
        }
        val run = dir.resolve("run")
        val expected = listOf(10, 20, 25).map { run.resolve("model.ckpt-$it") }
        assertEquals(expected, result.checkpoints)
        assertEquals(expected, notified)
        // maxToKeep = 2: the first was deleted, as tf.train.Saver does.
        assertFalse(Files.exists(run.resolve("model.ckpt-10.index")))
        assertTrue(Files.exists(run.resolve("model.ckpt-20.index")))
        assertEquals(run.resolve("model.ckpt-25"), Checkpoints.latestCheckpoint(run).orElseThrow())
        CheckpointReader.open(run.resolve("model.ckpt-25")).use { reader ->
            assertEquals(25L, (reader.getTensor("global_step") as LongTensor).data()[0])
            for (key in listOf("dense/weights", "dense/weights/ExponentialMovingAverage", "dense/weights/Adam",
                "dense/weights/Adam_1", "dense/biases/ExponentialMovingAverage", "beta1_power", "beta2_power")) {
                assertTrue(reader.hasTensor(key), "checkpoint has $key")
            }
        }
    }

    @Test
    fun noExtraCheckpointWhenTheLastStepIsAMultiple(@TempDir dir: Path) {
        val result = train(Staticflow_TinyClassifier()) {
            optimizer = gradientDescent(0.1)
            steps = 20
            batchSize = 10
            data(separableData()) { x() to labels() }
            checkpointEvery(10, dir = dir, name = "tiny", maxToKeep = 0)
        }
        assertEquals(listOf(dir.resolve("tiny-10"), dir.resolve("tiny-20")), result.checkpoints)
    }

    @Test
    fun configurationErrorsSayWhatIsMissing() {
        val data = separableData()
        fun failure(configure: TrainingSpec<Staticflow_TinyClassifier>.() -> Unit): String =
            assertThrows<RuntimeException> { train(Staticflow_TinyClassifier(), configure) }.message!!

        assertEquals("train: steps must be positive, got 0; set steps = N", failure {
            optimizer = adam()
            batchSize = 4
            data(data) { x() to labels() }
        })
        assertTrue(failure {
            optimizer = adam()
            steps = 10
            batchSize = 4
        }.startsWith("train: no feed"))
        assertTrue(failure {
            steps = 10
            data(data) { x() to labels() }
        }.startsWith("train: no optimizer"))
        assertEquals("train: batchSize must be positive, got 0", failure {
            optimizer = adam()
            steps = 1
            batchSize = 0
            data(data) { x() to labels() }
        })
        assertEquals("checkpointEvery: steps must be positive, got -5", failure { checkpointEvery(-5) })
        assertEquals("onStep: every must be positive, got 0", failure { onStep(every = 0) { _, _ -> } })
        assertTrue(failure {
            feed { }
            data(data) { x() to labels() }
        }.contains("already set"))
        assertTrue(failure { trainOnly("dense/nope") ; optimizer = adam(); steps = 1; batchSize = 2; feed { } }
            .contains("dense/nope"))
    }
}
