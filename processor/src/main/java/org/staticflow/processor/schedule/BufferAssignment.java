package org.staticflow.processor.schedule;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Graph;
import org.staticflow.processor.ir.Node;
import org.staticflow.processor.ir.Op;
import org.staticflow.processor.ir.TensorType;

/**
 * Shares storage between intermediate values whose lifetimes do not overlap, so a training step touches fewer
 * distinct arrays (less memory, more of it in cache).
 *
 * <p>The step runs {@code forward()} then {@code backward()} (the only way the generated class calls its
 * backward pass), each a straight line of kernel calls, so a node's lifetime is the interval from the kernel
 * that writes it to the last kernel that reads it, over positions numbered through both passes. A view
 * ({@code Reshape}, {@code Identity}, {@code StopGradient}) shares its input's storage, so the two are one
 * value for liveness. Values a caller can see are never shared: inputs, outputs and losses, variables and
 * constants, gradient buffers, and anything the backward pass copies into a gradient buffer.
 *
 * <p>A linear scan over the positions hands each value a <em>slot</em> (an array of one element type and
 * length), taking a slot freed earlier when one fits. Slots are freed only after the kernel at a value's last
 * read has its output, so a kernel's output never aliases its inputs, except where the kernel's contract
 * allows it ({@code out} may be {@code x} for unary and bias-activation kernels, {@code dx} may be {@code dy}
 * for activation gradients): there the output takes over its input's slot when the input dies at that
 * kernel, and the pass runs in place.
 *
 * @param slotOf the slot of each node whose storage is shared (views included); others own their buffer
 * @param slots the type and length of each slot, by index
 */
public record BufferAssignment(Map<Node, Integer> slotOf, List<TensorType> slots) {

  /** Assigns slots for the nodes of {@code graph}; {@code pinned} values keep a buffer of their own. */
  public static BufferAssignment plan(Graph graph, Fusion fusion, Set<Node> pinned) {
    BufferAssignment buffers = new Scan(graph, fusion, pinned).run();
    BufferCheck.verify(graph, fusion, buffers);
    return buffers;
  }

  /** The slot of {@code node}, or null if it owns its buffer. */
  public Integer slot(Node node) {
    return slotOf.get(node);
  }

  /** A value's storage: its root (the non-view node at the bottom of a chain of views). */
  static Node root(Node node) {
    while (isView(node)) {
      node = node.input(0);
    }
    return node;
  }

  /** Whether {@code node} is a view of its input's storage ({@code Reshape}, {@code Identity}, {@code StopGradient}). */
  public static boolean isView(Node node) {
    Op op = node.op();
    return op instanceof Op.Reshape || op instanceof Op.Identity || op instanceof Op.StopGradient;
  }

  /** Slots are interchangeable when their element type and length (in batch-size terms) are equal. */
  private record Key(DType dtype, boolean batch, long staticElements) {
    static Key of(TensorType type) {
      return new Key(type.dtype(), type.hasBatch(), type.staticElements());
    }
  }

  private static final class Scan {
    private final Graph graph;
    private final Fusion fusion;
    private final Set<Node> pinned;
    /** Position of each kernel's node; views and fused reductions sit at the kernel that writes them. */
    private final Map<Node, Integer> position = new HashMap<>();
    /** Last position at which each root is read. */
    private final Map<Node, Integer> lastRead = new HashMap<>();
    private final Map<Node, Integer> rootSlots = new HashMap<>();
    private final List<TensorType> slots = new ArrayList<>();
    private final Map<Key, Deque<Integer>> free = new HashMap<>();

    Scan(Graph graph, Fusion fusion, Set<Node> pinned) {
      this.graph = graph;
      this.fusion = fusion;
      this.pinned = pinned;
    }

    BufferAssignment run() {
      number();
      Set<Node> pinnedRoots = new java.util.HashSet<>();
      for (Node node : pinned) {
        pinnedRoots.add(root(node));
      }
      Map<Integer, List<Node>> definedAt = new HashMap<>();
      Map<Integer, List<Node>> diesAt = new HashMap<>();
      int last = -1;
      for (Node node : graph.nodes()) {
        if (shareable(node) && !pinnedRoots.contains(node)) {
          int start = position.get(node);
          int end = Math.max(lastRead.getOrDefault(node, -1), start);
          definedAt.computeIfAbsent(start, p -> new ArrayList<>()).add(node);
          diesAt.computeIfAbsent(end, p -> new ArrayList<>()).add(node);
          last = Math.max(last, end);
        }
      }
      for (int p = 0; p <= last; p++) {
        List<Node> dying = diesAt.getOrDefault(p, List.of());
        List<Node> handedOver = new ArrayList<>();
        for (Node root : definedAt.getOrDefault(p, List.of())) {
          Node donor = inPlaceDonor(root, dying, handedOver);
          if (donor != null) {
            rootSlots.put(root, rootSlots.get(donor));
            handedOver.add(donor);
          } else {
            Deque<Integer> candidates = free.get(Key.of(root.type()));
            int slot = candidates == null || candidates.isEmpty() ? newSlot(root.type()) : candidates.pop();
            rootSlots.put(root, slot);
          }
        }
        // Freed only now, after this kernel's outputs have their slots: outputs never alias inputs.
        for (Node root : dying) {
          if (!handedOver.contains(root)) {
            free.computeIfAbsent(Key.of(root.type()), k -> new ArrayDeque<>()).push(rootSlots.get(root));
          }
        }
      }
      // A slot that only one value ever uses is that value's own buffer: no indirection in the generated code.
      Map<Integer, Integer> users = new HashMap<>();
      rootSlots.values().forEach(slot -> users.merge(slot, 1, Integer::sum));
      Map<Integer, Integer> renumbered = new HashMap<>();
      List<TensorType> kept = new ArrayList<>();
      for (int slot = 0; slot < slots.size(); slot++) {
        if (users.getOrDefault(slot, 0) > 1) {
          renumbered.put(slot, kept.size());
          kept.add(slots.get(slot));
        }
      }
      Map<Node, Integer> slotOf = new HashMap<>();
      for (Node node : graph.nodes()) {
        Integer slot = rootSlots.get(root(node));
        if (slot != null && renumbered.containsKey(slot)) {
          slotOf.put(node, renumbered.get(slot));
        }
      }
      return new BufferAssignment(Collections.unmodifiableMap(slotOf), List.copyOf(kept));
    }

    /** Numbers the kernels: forward nodes then backward nodes, in graph order (the order of the generated code). */
    private void number() {
      int next = 0;
      for (Node node : graph.nodes()) {
        if (BufferCheck.runs(node, fusion)) {
          position.put(node, next++);
        }
      }
      for (Node node : graph.nodes()) {
        if (isView(node)) {
          position.put(node, position.getOrDefault(root(node), -1));
        }
        Node with = fusion.computedWith(node);
        if (with != null) {
          position.put(node, position.get(with));
        }
      }
      for (Node node : graph.nodes()) {
        if (!BufferCheck.runs(node, fusion)) {
          continue;
        }
        int at = position.get(node);
        for (Node input : BufferCheck.reads(node, fusion)) {
          lastRead.merge(root(input), at, Math::max);
        }
      }
    }

    /** Whether {@code node} is a root that a kernel writes (a candidate for a shared slot). */
    private boolean shareable(Node node) {
      return !isView(node) && position.containsKey(node);
    }

    /**
     * The input whose slot {@code root}'s kernel may write in place: the operand its contract lets the output
     * alias, when that operand's storage dies at this very kernel and has the same type and length.
     */
    private Node inPlaceDonor(Node root, List<Node> dying, List<Node> handedOver) {
      Node operand = BufferCheck.inPlaceOperand(root, fusion);
      if (operand == null) {
        return null;
      }
      Node donor = root(operand);
      boolean ok = dying.contains(donor) && rootSlots.containsKey(donor) && !handedOver.contains(donor)
          && Key.of(donor.type()).equals(Key.of(root.type()));
      return ok ? donor : null;
    }

    private int newSlot(TensorType type) {
      slots.add(type);
      return slots.size() - 1;
    }
  }
}
