namespace Ocean.Libc.Unwind;

using System.Runtime;
using System.Runtime.CompilerServices;

/// <summary>
/// Exceptions in programs: the core library's RhpThrowEx and RhpRethrow hand over here
/// (<see cref="ExceptionHandling"/>'s hooks, set at start-up). Two passes over the frames from the
/// thrower up, as NativeAOT's runtime does: the first finds the innermost catch whose type the
/// exception is; the second runs every finally block the exception leaves on the way (innermost
/// first; in the catching frame only those inside the catch's try); then the catch block runs with
/// its frame's registers and the frame resumes where the block says. A catch or finally block that is
/// running is remembered with its method's frame, so an exception thrown out of it (a new one, or
/// <c>throw;</c>) goes on from that frame's clauses outside the block (out of a finally block, the
/// exception that was leaving through it is forgotten, as in .NET). A filter that is running is
/// remembered too: an exception that escapes it ends there (after the finally blocks on its way),
/// and the filter counts as saying no, as ECMA-335 has it. No catch: the exception's message and the
/// trace from the thrower, and the program ends. A divide error or a null reference is thrown from
/// the faulting instruction (<see cref="HardwareFaults"/>). Each thread has its own running blocks,
/// so threads throw and catch at once without meeting each other's.
/// </summary>
public static unsafe class ExceptionDispatch
{
    private const int UnhandledStatus = 134;
    private const int MaxRunningCatches = 16;
    // Frames between Run's capture and the thrower: Run, the hook (Dispatch or Rethrow), RhpThrowEx or RhpRethrow.
    private const int DispatchFrames = 3;

    // The catch, finally and filter blocks running on one thread, innermost last: the exception (null
    // for a finally block or a filter), the block's start, its method's frame (a filter: where its
    // call resumes) and the clause's place in that method's clause list (a filter: FilterRunning).
    // The collector never moves an object, so a pointer to a block's Frame stays good while the record lives.
    private struct RunningBlock
    {
        public object Exception;
        public FrameRegisters Frame;
        public ulong Handler;
        public int Clause;
    }

    private sealed class RunningBlocks
    {
        public long Thread;
        public readonly RunningBlock[] Blocks = new RunningBlock[MaxRunningCatches];
        public int Count;
    }

    // Each thread's running blocks, found by its id (a program has at most MaxThreads): made at the
    // thread's first throw, dropped when its last catch ends. An array rather than a dictionary, so
    // that every program does not carry a dictionary's code for it (fork+exec+wait pays per page).
    private const int MaxThreads = 64;
    private static RunningBlocks[] _threads;
    private static int _threadCount;
    private static SpinLock _threadsLock;

    private const int FilterRunning = -2;

    [RuntimeImport("*", "OceanCaptureRegisters")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void CaptureRegisters(FrameRegisters* registers);

    [RuntimeImport("*", "OceanCallCatchFunclet")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void CallCatchFunclet(object exception, ulong funclet, FrameRegisters* frame);

    [RuntimeImport("*", "OceanCallFilterFunclet")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern bool CallFilterFunclet(object exception, ulong funclet, FrameRegisters* frame, FrameRegisters* resume);

    [RuntimeImport("*", "OceanResumeFilter")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void ResumeFilter(FrameRegisters* resume);

    [RuntimeImport("*", "OceanCallFinallyFunclet")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void CallFinallyFunclet(ulong funclet, FrameRegisters* frame);

    /// <summary>Called once by the runtime's start, before any program code.</summary>
    internal static void Install()
    {
        ExceptionHandling.Dispatch = &Dispatch;
        ExceptionHandling.Rethrow = &Rethrow;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Dispatch(object exception) => Run(exception);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Rethrow()
    {
        RunningBlocks blocks = Blocks(create: false);
        int block = blocks == null ? -1 : blocks.Count - 1;
        while (block >= 0 && blocks.Blocks[block].Exception is null)
            block--;   // (a finally block running inside the catch)
        if (block < 0)
            Internal.Runtime.RuntimeImports.FatalError("throw; outside a catch block");
        Run(blocks.Blocks[block].Exception);
    }

    /// <summary>A catch block returned normally (OceanCallCatchFunclet, before its frame resumes): it is no longer running.</summary>
    [RuntimeExport("OceanCatchEnded")]
    private static void CatchEnded()
    {
        RunningBlocks blocks = Blocks(create: false);
        if (blocks == null || blocks.Count == 0)
            return;
        blocks.Blocks[--blocks.Count].Exception = null;
        if (blocks.Count == 0)
        {
            _threadsLock.Acquire();
            int index = IndexOf(blocks.Thread);
            if (index >= 0)
                _threads[index] = _threads[--_threadCount];
            _threadsLock.Release();
        }
    }

    /// <summary>Whether any thread is inside a catch, finally or filter block.</summary>
    internal static bool AnyRunning => _threadCount > 0;

    /// <summary>
    /// In a forked child: its one thread goes on with the running blocks of the thread that forked
    /// (<paramref name="forkingThread"/>), under its own id; the other threads are not in the child.
    /// </summary>
    internal static void Forked(long forkingThread)
    {
        // Another thread of the parent may have held the lock; it is not in the child. (Written only
        // when need be: a write here would copy the page, and most children exec at once.)
        if (_threadsLock.IsHeld)
            _threadsLock = default;
        if (_threadCount == 0)
            return;
        int index = IndexOf(forkingThread);
        RunningBlocks blocks = index < 0 ? null : _threads[index];
        _threadCount = 0;
        if (blocks == null)
            return;
        blocks.Thread = Threads.Self();
        _threads[_threadCount++] = blocks;
    }

    // The calling thread's running blocks (made if need be, else null when it has none).
    private static RunningBlocks Blocks(bool create)
    {
        long thread = Threads.Self();
        _threadsLock.Acquire();
        int index = IndexOf(thread);
        RunningBlocks blocks = index < 0 ? null : _threads[index];
        if (blocks == null && create)
        {
            _threads ??= new RunningBlocks[MaxThreads];
            if (_threadCount == MaxThreads)
                Internal.Runtime.RuntimeImports.FatalError("too many threads throwing");
            _threads[_threadCount++] = blocks = new RunningBlocks { Thread = thread };
        }
        _threadsLock.Release();
        return blocks;
    }

    private static int IndexOf(long thread)
    {
        for (int i = 0; i < _threadCount; i++)
            if (_threads[i].Thread == thread)
                return i;
        return -1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Run(object exception)
    {
        FrameRegisters thrower;
        CaptureRegisters(&thrower);
        EhFrame table = StackTrace.Table();
        for (int step = 0; step < DispatchFrames; step++)
            if (!StackTrace.StepOut(table, ref thrower))
                Unhandled(exception, thrower);
        ThrowFrom(exception, thrower);
    }

    /// <summary>
    /// Throws <paramref name="exception"/> as if from the frame <paramref name="thrower"/> describes
    /// (its address read one byte back, as a return address is): a throw's caller, or a faulting
    /// instruction (<see cref="HardwareFaults"/>). Never returns.
    /// </summary>
    internal static void ThrowFrom(object exception, FrameRegisters thrower)
    {
        RunningBlocks blocks = Blocks(create: true);
        EhFrame table = StackTrace.Table();

        // Pass 1: the innermost catch.
        var walk = new Walk(table, thrower, blocks);
        bool found = false, escapesFilter = false;
        EhClause catchClause = default;
        ulong catchMethod = 0;
        // As deep as the stack goes (it used to stop after 256 frames, so a catch further up was never
        // found); each step must go up the stack, so a broken frame ends the walk instead of looping.
        ulong below = 0;
        while (!found && walk.Registers.Rsp > below)
        {
            below = walk.Registers.Rsp;
            if (!walk.Clauses(out bool any, out EhClauses clauses, out ulong offset, out int after))
                break;
            EhClauses.Covering covering = any ? clauses.ClausesCovering(offset) : default;
            while (any && covering.Next(out EhClause clause))
                if (clause.Index > after && Catches(blocks, in clause, clauses.MethodStart, exception, walk.Registers))
                {
                    found = true;
                    catchClause = clause;
                    catchMethod = clauses.MethodStart;
                    break;
                }
            if (!found && walk.LeavingFilter)
            {
                found = escapesFilter = true;   // it ends at the filter, which says no
                break;
            }
            if (!found && !walk.Next())
                break;
        }
        if (!found)
            Unhandled(exception, thrower);
        FrameRegisters handlerFrame = walk.Registers;
        int catchDepth = walk.Depth;

        // Pass 2: the finally blocks on the way, the catching frame's own inner ones last.
        walk = new Walk(table, thrower, blocks);
        while (true)
        {
            if (walk.Clauses(out bool any, out EhClauses clauses, out ulong offset, out int after) && any)
            {
                EhClauses.Covering covering = clauses.ClausesCovering(offset);
                while (covering.Next(out EhClause clause))
                {
                    if (walk.Depth == catchDepth && !escapesFilter && clause.Index >= catchClause.Index)
                        break;
                    if (clause.Index > after && clause.Kind == EhClauseKind.Fault)
                    {
                        // Running: an exception out of the block goes on from this frame, past this clause.
                        // The blocks the walk has left are over first, so that the list stays in the
                        // stack's order (a later walk would otherwise meet a left catch block again).
                        while (blocks.Count > walk.Running + 1)
                            blocks.Blocks[--blocks.Count].Exception = null;
                        FrameRegisters registers = walk.Registers;
                        ulong handler = clauses.MethodStart + clause.HandlerOffset;
                        Push(blocks, null, registers, handler, clause.Index);
                        CallFinallyFunclet(handler, &registers);
                        blocks.Count--;
                        walk.Registers = registers;
                    }
                }
            }
            if (walk.Depth == catchDepth || !walk.Next())
                break;
        }
        handlerFrame = walk.Registers;
        if (escapesFilter)
        {
            // Back to the filter's call, as a filter that said no: the blocks it started are over.
            int filter = walk.Running;
            FrameRegisters resume = blocks.Blocks[filter].Frame;
            while (blocks.Count > filter)
                blocks.Blocks[--blocks.Count].Exception = null;
            ResumeFilter(&resume);
        }

        // The catch and finally blocks this exception leaves are over; this one runs.
        while (blocks.Count > 0 && blocks.Blocks[blocks.Count - 1].Frame.Rsp <= handlerFrame.Rsp)
            blocks.Blocks[--blocks.Count].Exception = null;
        Push(blocks, exception, handlerFrame, catchMethod + catchClause.HandlerOffset, catchClause.Index);
        CallCatchFunclet(exception, catchMethod + catchClause.HandlerOffset, &handlerFrame);
    }

    private static void Push(RunningBlocks blocks, object exception, FrameRegisters frame, ulong handler, int clause)
    {
        if (blocks.Count == MaxRunningCatches)
            Internal.Runtime.RuntimeImports.FatalError("exceptions nested too deeply");
        blocks.Blocks[blocks.Count].Exception = exception;
        blocks.Blocks[blocks.Count].Frame = frame;
        blocks.Blocks[blocks.Count].Handler = handler;
        blocks.Blocks[blocks.Count].Clause = clause;
        blocks.Count++;
    }

    /// <summary>
    /// The frames from the thrower up, passing from a running catch or finally block to its method's
    /// frame (where the search goes on outside that block) instead of into the dispatcher that called it.
    /// </summary>
    private struct Walk
    {
        private readonly EhFrame _table;
        private readonly RunningBlocks _blocks;
        private int _catch;   // the running catch block the walk reaches next, from the innermost
        private int _after;   // in this frame, only clauses past this index count (-1: all)
        private FrameDescription _description;
        private bool _inFunclet;
        public FrameRegisters Registers;
        public int Depth;

        public Walk(EhFrame table, FrameRegisters start, RunningBlocks blocks)
        {
            _table = table;
            _blocks = blocks;
            _catch = blocks.Count - 1;
            _after = -1;
            _description = default;
            _inFunclet = false;
            Registers = start;
            Depth = 0;
        }

        /// <summary>
        /// Whether the walk has a frame here; if so, whether it has clauses (<paramref name="any"/>),
        /// the offset it is at, and the index its clauses must be past.
        /// </summary>
        public bool Clauses(out bool any, out EhClauses clauses, out ulong offset, out int after)
        {
            clauses = default;
            offset = 0;
            after = _after;
            any = false;
            ulong location = Registers.Rip - 1;
            if (!_table.TryFind(location, out _description))
                return false;
            _inFunclet = _catch >= 0 && _description.Start == _blocks.Blocks[_catch].Handler;
            any = EhClauses.TryRead(in _description, out clauses);
            if (any)
                offset = location - clauses.MethodStart;
            return true;
        }

        /// <summary>The frame here is a running filter's own: the walk ends here.</summary>
        public readonly bool LeavingFilter => _inFunclet && _blocks.Blocks[_catch].Clause == FilterRunning;

        /// <summary>The running block whose frame the walk is in (<see cref="LeavingFilter"/>).</summary>
        public readonly int Running => _catch;

        /// <summary>To the caller's frame (or, from a running catch or finally block, to its method's frame).</summary>
        public bool Next()
        {
            Depth++;
            if (_inFunclet)
            {
                Registers = _blocks.Blocks[_catch].Frame;
                _after = _blocks.Blocks[_catch].Clause;
                _catch--;
                _inFunclet = false;
                return true;
            }
            _after = -1;
            ulong location = Registers.Rip - 1;
            return _description.Start != 0 && CallFrameRules.Step(in _description, location, ref Registers);
        }
    }

    // Whether a clause catches the exception: a typed catch by its type, a filtered one by its filter
    // (C#'s `when`), run with the frame's registers.
    private static bool Catches(RunningBlocks blocks, in EhClause clause, ulong methodStart, object exception, FrameRegisters frame)
    {
        if (clause.Kind == EhClauseKind.Typed)
            return ExceptionHandling.IsInstanceOf(clause.CatchType, exception);
        if (clause.Kind != EhClauseKind.Filter)
            return false;
        // Running: an exception that escapes the filter comes back to this call (resume) as a no.
        ulong filter = methodStart + clause.FilterOffset;
        FrameRegisters resume = default;
        Push(blocks, null, resume, filter, FilterRunning);
        int record = blocks.Count - 1;
        bool says;
        fixed (FrameRegisters* where = &blocks.Blocks[record].Frame)
            says = CallFilterFunclet(exception, filter, &frame, where);
        blocks.Count = record;
        return says;
    }

    private static void Unhandled(object exception, FrameRegisters thrower)
    {
        string message = exception is System.Exception e && e.Message is not null ? e.Message : "(no message)";
        Stdio.Write("Unhandled exception: ");
        // The type's name: its MethodTable's symbol, which the program's table carries.
        if (StackTrace.Symbols().TryFind(**(ulong**)Unsafe.AsPointer(ref exception), out byte* name, out int length, out ulong offset) && offset == 0)
        {
            Stdio.Write(name, length);
            Stdio.Write(": ");
        }
        Stdio.WriteLine(message);
        StackTrace.Write(thrower);
        Runtime.Exit(UnhandledStatus);
    }
}
