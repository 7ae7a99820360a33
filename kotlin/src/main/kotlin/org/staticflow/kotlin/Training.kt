package org.staticflow.kotlin

import java.nio.file.Files
import java.nio.file.Path
import org.staticflow.runtime.checkpoint.Saver
import org.staticflow.runtime.data.DataSet
import org.staticflow.runtime.model.TrainableModel
import org.staticflow.runtime.tensor.FloatTensor
import org.staticflow.runtime.tensor.IntTensor
import org.staticflow.runtime.tensor.Tensor
import org.staticflow.runtime.train.ExponentialMovingAverage
import org.staticflow.runtime.train.Optimizer
import org.staticflow.runtime.train.Trainer

/**
 * Trains [model] as configured by [configure] and returns where training ended.
 *
 * ```
 * val result = train(Staticflow_MnistMlp()) {
 *     optimizer = adam(learningRate = 1e-4)
 *     steps = 1000
 *     batchSize = 100
 *     seed = 1
 *     movingAverage(decay = 0.99)
 *     data(mnist.train()) { x() to labels() }
 *     checkpointEvery(500, dir = Path("model"))
 *     onStep(every = 100) { step, loss -> println("step $step, loss $loss") }
 * }
 * ```
 *
 * Each of the [TrainingSpec.steps] steps: the feed fills the model's inputs, the runtime's [Trainer] takes
 * one step (gradients, optimizer update, `global_step + 1`, moving averages), the [TrainingSpec.onStep]
 * callbacks whose `every` divides the new `global_step` run, and a checkpoint `dir/name-<global_step>` is
 * saved when the checkpoint interval divides it (and after the last step). The loop itself allocates
 * nothing: feeds and callbacks are inlined into classes with primitive parameters, so no step number or
 * loss is boxed; only saving a checkpoint allocates.
 *
 * @throws IllegalArgumentException if the configuration is incomplete or invalid (no optimizer, no feed,
 *   `steps <= 0`, no batch size...), before any step is taken
 */
fun <M : TrainableModel> train(model: M, configure: TrainingSpec<M>.() -> Unit): TrainingResult<M> =
    TrainingSpec(model).apply(configure).run()

/**
 * Where a [train] run ended.
 *
 * @property step `global_step` after the last step
 * @property loss the total loss of the last step (computed before its update)
 * @property trainer the trainer, with its optimizer state, moving averages and [Trainer.variables] (to
 *   save or continue from)
 * @property checkpoints the prefixes this run saved, oldest first (older ones may have been deleted by
 *   `maxToKeep`)
 */
data class TrainingResult<M : TrainableModel>(
    val model: M,
    val step: Long,
    val loss: Float,
    val trainer: Trainer,
    val checkpoints: List<Path>,
)

/** How often and where [train] saves checkpoints; see [TrainingSpec.checkpointEvery]. */
data class CheckpointSchedule(
    val every: Long,
    val dir: Path,
    val name: String,
    val maxToKeep: Int,
    val atEnd: Boolean,
)

/** Fills the model's inputs before the step taken at `step` (`global_step` before that step). */
@PublishedApi
internal abstract class Feed<in M> {
    abstract fun fill(model: M, step: Long)
}

/** A callback after every `every`-th step. */
@PublishedApi
internal abstract class StepListener(@JvmField val every: Long) {
    abstract fun onStep(step: Long, loss: Float)
}

/**
 * The receiver of [train]'s block: what to train with, for how long, on what, and what to do along the way.
 * Properties left unset keep their documented defaults; the block only records the configuration, [train]
 * checks it and runs it.
 */
@TrainingDsl
class TrainingSpec<M : TrainableModel> @PublishedApi internal constructor(
    /** The model being trained (also the receiver of [feed] and [data] blocks). */
    val model: M,
) {
    /** The optimizer, e.g. `adam(1e-4)` or `gradientDescent(learningRate = 0.5)`. Required. */
    var optimizer: Optimizer? = null

    /** How many steps to take. Required, positive. */
    var steps: Int = 0

    /** The batch size to set on the model before training; by default the model's current batch size. */
    var batchSize: Int? = null

    /**
     * When set, the model's variables are re-initialised from this seed ([TrainableModel.initializeVariables])
     * and its dropout generator reseeded before training; by default they are trained from their current values.
     */
    var seed: Long? = null

    private var movingAverageDecay: Float? = null
    private var trainOnly: List<String>? = null
    private var checkpoint: CheckpointSchedule? = null
    private var feed: Feed<M>? = null
    private var dataFeed: Pair<DataSet, M.() -> Pair<FloatTensor, Tensor>>? = null
    private val listeners = ArrayList<StepListener>()
    private val checkpointListeners = ArrayList<(Path) -> Unit>()

    /**
     * Keeps `tf.train.ExponentialMovingAverage(decay, num_updates=global_step)` of every trainable variable,
     * saved as `<variable>/ExponentialMovingAverage` (what an evaluator restores with
     * `variablesToRestore`).
     */
    fun movingAverage(decay: Double = 0.99) {
        require(decay in 0.0..1.0) { "movingAverage: decay must be in [0, 1], got $decay" }
        movingAverageDecay = decay.toFloat()
    }

    /** Trains only these variables (fine-tuning, TF's `minimize(var_list=...)`); the others stay as they are. */
    fun trainOnly(vararg variables: String) {
        require(variables.isNotEmpty()) { "trainOnly: name at least one variable" }
        trainOnly = variables.toList()
    }

    /**
     * Saves every variable of the trainer (model, `global_step`, moving averages, optimizer slots) to
     * `dir/name-<global_step>` whenever `global_step` is a multiple of [steps], and after the last step when
     * [atEnd] (unless that step was just saved). The directory is created; its `checkpoint` state file lists
     * the newest [maxToKeep] checkpoints, older ones are deleted (0 keeps all), as `tf.train.Saver` does.
     */
    fun checkpointEvery(
        steps: Int,
        dir: Path = Path.of("model"),
        name: String = "model.ckpt",
        maxToKeep: Int = 5,
        atEnd: Boolean = true,
    ) {
        require(steps > 0) { "checkpointEvery: steps must be positive, got $steps" }
        require(maxToKeep >= 0) { "checkpointEvery: maxToKeep must be >= 0, got $maxToKeep" }
        require(name.isNotEmpty() && !name.contains('/')) { "checkpointEvery: name must be a file name, got '$name'" }
        checkpoint = CheckpointSchedule(steps.toLong(), dir, name, maxToKeep, atEnd)
    }

    /**
     * Fills the model's inputs before each step, with the model as receiver; `step` is `global_step` before
     * the step (0 for the first step of a fresh model):
     *
     * ```
     * feed { step -> train.nextBatch(x(), labels()) }
     * ```
     *
     * Inlined into a class with a primitive `step`, so feeding boxes nothing.
     */
    inline fun feed(crossinline fill: M.(step: Long) -> Unit) {
        setFeed(object : Feed<M>() {
            override fun fill(model: M, step: Long) = model.fill(step)
        })
    }

    /**
     * Feeds each step the next batch of [dataSet] ([DataSet.nextBatch], reshuffled every epoch) into the
     * inputs that [inputs] names, features first, then the labels: one-hot ([FloatTensor]) or class ids
     * ([IntTensor]):
     *
     * ```
     * data(mnist.train()) { x() to labels() }
     * ```
     *
     * [inputs] is called once, after the batch size is set (the buffers are live for the whole run).
     */
    fun data(dataSet: DataSet, inputs: M.() -> Pair<FloatTensor, Tensor>) {
        check(feed == null) { "data: a feed { } is already set; use one or the other" }
        dataFeed = dataSet to inputs
    }

    /**
     * Calls [action] after every step whose new `global_step` is a multiple of [every], with that step and
     * its loss. Inlined into a class with primitive parameters: no boxing per step.
     */
    inline fun onStep(every: Int = 1, crossinline action: (step: Long, loss: Float) -> Unit) {
        require(every > 0) { "onStep: every must be positive, got $every" }
        addListener(object : StepListener(every.toLong()) {
            override fun onStep(step: Long, loss: Float) = action(step, loss)
        })
    }

    /** Calls [action] with each checkpoint prefix just saved (e.g. `model/model.ckpt-500`). */
    fun onCheckpoint(action: (prefix: Path) -> Unit) {
        checkpointListeners += action
    }

    @PublishedApi
    internal fun setFeed(feed: Feed<M>) {
        check(this.feed == null && dataFeed == null) { "feed: a feed is already set (feed { } or data(...)); use one" }
        this.feed = feed
    }

    @PublishedApi
    internal fun addListener(listener: StepListener) {
        listeners += listener
    }

    internal fun run(): TrainingResult<M> {
        val optimizer = requireNotNull(optimizer) {
            "train: no optimizer; set one, e.g. optimizer = adam(learningRate = 1e-3)"
        }
        require(steps > 0) { "train: steps must be positive, got $steps; set steps = N" }
        require(feed != null || dataFeed != null) {
            "train: no feed; each step needs inputs: call data(dataSet) { x() to labels() } or feed { ... }"
        }
        batchSize?.let {
            require(it > 0) { "train: batchSize must be positive, got $it" }
            model.batchSize(it)
        }
        require(model.batchSize() > 0) {
            "train: the model's batch size is ${model.batchSize()}; set batchSize = N"
        }
        seed?.let {
            model.initializeVariables(it)
            model.seed(it)
        }

        val builder = Trainer.builder(model, optimizer)
        movingAverageDecay?.let { builder.movingAverage(ExponentialMovingAverage(it)) }
        trainOnly?.let { builder.trainOnly(it) }
        val trainer = builder.build()
        val feed = feed ?: dataFeed!!.let { (dataSet, inputs) -> dataSetFeed(dataSet, inputs(model)) }
        val saving = checkpoint?.let { Checkpointing(it, Saver.builder(trainer.variables()).maxToKeep(it.maxToKeep).build()) }

        val listeners = listeners.toTypedArray()
        val globalStep = trainer.globalStep()
        val last = globalStep.get() + steps
        var loss = Float.NaN
        var step = globalStep.get()
        while (step < last) {
            feed.fill(model, step)
            loss = trainer.step()
            step = globalStep.get()
            for (listener in listeners) {
                if (step % listener.every == 0L) listener.onStep(step, loss)
            }
            if (saving != null && step % saving.schedule.every == 0L) saving.save(step)
        }
        if (saving != null && saving.schedule.atEnd && saving.lastSaved != step) saving.save(step)
        return TrainingResult(model, step, loss, trainer, saving?.saved.orEmpty())
    }

    private fun dataSetFeed(dataSet: DataSet, inputs: Pair<FloatTensor, Tensor>): Feed<M> {
        val (features, labels) = inputs
        return when (labels) {
            is FloatTensor -> object : Feed<M>() {
                override fun fill(model: M, step: Long) = dataSet.nextBatch(features, labels)
            }
            is IntTensor -> object : Feed<M>() {
                override fun fill(model: M, step: Long) = dataSet.nextBatch(features, labels)
            }
            else -> throw IllegalArgumentException(
                "data: labels must be a FloatTensor (one-hot) or an IntTensor (class ids), got ${labels.javaClass.simpleName}")
        }
    }

    private inner class Checkpointing(val schedule: CheckpointSchedule, val saver: Saver) {
        private val prefix: Path = schedule.dir.resolve(schedule.name)
        val saved = ArrayList<Path>()
        var lastSaved = -1L

        init {
            Files.createDirectories(schedule.dir)
        }

        fun save(step: Long) {
            val written = saver.save(prefix, step)
            saved.add(written)
            lastSaved = step
            for (action in checkpointListeners) action(written)
        }
    }
}
