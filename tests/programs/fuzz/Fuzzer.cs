namespace Ocean.Tests.Fuzz;

using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// One seed's run: <c>calls</c> random system calls with arguments from <see cref="Menus"/>, each
/// result counted. What it leaves out or tames is what would legitimately end or stop it: exit and
/// thread_exit, exec of a real program, kills of anything but its own children, long sleeps, and
/// waits nobody will end (IPC always non-blocking, pipe reads and writes checked against
/// <see cref="FileModel"/>). It passes bad memory to the kernel but never touches any itself.
/// </summary>
public static unsafe class Fuzzer
{
    private const int MaxForks = 16;
    private const int ReapNaps = 100;
    private const ulong ReapNapNs = 10_000_000;
    private const ulong MaxSleepNanoseconds = 1_000_000;
    private const ulong MaxBreakStep = 64 * 1024;
    // The numbers brk, mmap, munmap and mprotect had: the fuzzer keeps drawing them, for the memory server's requests.
    private const SyscallNumber RetiredBrk = (SyscallNumber)11, RetiredMmap = (SyscallNumber)12, RetiredMunmap = (SyscallNumber)13, RetiredMprotect = (SyscallNumber)14;
    /// <summary>The kernel ignores brk beyond this much growth: values past it are harmless.</summary>
    private const ulong BreakGrowthLimit = 1UL << 30;
    private const int RememberedMappings = 16;
    private const int RememberedChildren = 16;
    private const ulong LowestThreadAddress = 0x10000;
    private const ulong DeviceMapPages = 1;

    [RuntimeImport("*", "OceanThreadStartAddress")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern ulong ThreadStartAddress();

    private static Prng _random;
    private static readonly ulong[] _mapStart = new ulong[RememberedMappings];
    private static readonly ulong[] _mapLength = new ulong[RememberedMappings];
    private static int _maps;
    private static readonly long[] _children = new long[RememberedChildren];
    private static int _forks;
    private static int _nextStack;
    private static ulong _breakFloor;
    private static byte* _names;

    // Readable C strings: programs that exist (for boot_module_read, never exec) and one that does not.
    private const int NameTrue = 0, NameBare = 10, NameFuzz = 15, NameMissing = 20, NameEmpty = 37, NamesLength = 38;

    public static void Run(ulong seed, long calls)
    {
        _random = new Prng(seed);
        ResultCounts.Reset();
        FileModel.Reset();
        Syscall.Dup2(1, FileModel.ReportDescriptor);
        _names = (byte*)Heap.Allocate(NamesLength);
        if (_names == null || !Arena.Map(ref _random))
        {
            Report(seed, "fuzz: seed could not map its memory\n");
            Syscall.Exit(1);
        }
        Names("/bin/true", NameTrue);
        Names("true", NameBare);
        Names("fuzz", NameFuzz);
        Names("/bin/no-such-thing", NameMissing);
        _names[NameEmpty] = 0;
        EchoServer.Start(_random.Next());
        _breakFloor = (ulong)Memory.Brk(0);
        while (ResultCounts.Calls < calls)
            Step();
        byte* line = stackalloc byte[512];
        var text = new TextBuilder(line, 512);
        ResultCounts.Format(ref text, seed);
        Syscall.Write(FileModel.ReportDescriptor, text.Buffer, (ulong)text.Length);
        ReapChildren(seed);
        Syscall.Exit(0);
    }

    // Reaps its own children (each exits at once): orphans would go to init, which under a shell is
    // not the fuzzer, and the pages they hold would show as a loss until init gets to them. Never
    // blocks: a child that does not end within about a second is left to init.
    private static void ReapChildren(ulong seed)
    {
        int status;
        for (int naps = 0; naps < ReapNaps;)
        {
            long reaped = ProcClient.WaitPid(-1, &status, WaitStatus.NoHang);
            if (reaped < 0)
                return;   // no children left
            if (reaped == 0)
            {
                Syscall.Sleep(ReapNapNs);
                naps++;
            }
        }
        Report(seed, "fuzz: a child did not end within a second\n");
    }

    private static void Report(ulong seed, string message)
    {
        byte* line = stackalloc byte[128];
        var text = new TextBuilder(line, 128);
        text.Append(message);
        Syscall.Write(FileModel.ReportDescriptor, text.Buffer, (ulong)text.Length);
    }

    private static void Names(string text, int offset)
    {
        for (int i = 0; i < text.Length; i++)
            _names[offset + i] = (byte)text[i];
        _names[offset + text.Length] = 0;
    }

    private static void Step()
    {
        if (_random.OneIn(16))
        {
            ResultCounts.Count(Syscall.Raw(BadNumber(), W(), W(), W(), W(), W()));
            return;
        }
        if (Issue((SyscallNumber)_random.Below(SyscallLimits.Count), out long result))
            ResultCounts.Count(result);
    }

    private static ulong BadNumber() => _random.Below(5) switch
    {
        0 => SyscallLimits.Count + _random.Below(16UL),
        // A valid number in the low half: the kernel must not truncate the number register.
        1 => (1UL << 32) | _random.Below(SyscallLimits.Count),
        2 => ~0UL - _random.Below(4UL),
        3 => 1UL << 63,
        _ => _random.Next() | (1UL << 40),
    };

    private static ulong W() => Menus.Word(ref _random);

    private static ulong P() => Menus.Pointer(ref _random, out _);

    private static ulong L() => Menus.Length(ref _random);

    private static ulong S() => (ulong)Menus.Slot(ref _random);

    // Where the process server's waitpid is fuzzed: number 58, once process_reap, now process_faulted
    // (which only proc may call: utest checks the refusal).
    private const SyscallNumber WaitMenu = SyscallNumber.ProcessFaulted;

    private static bool Issue(SyscallNumber number, out long result)
    {
        result = 0;
        switch (number)
        {
            case SyscallNumber.Exit:
            case SyscallNumber.ThreadExit:
                return false;   // would end the run
            case SyscallNumber.ThreadsStop:
                // Hostile buffers and counts; a stop that works is undone at once (the echo server's
                // thread would otherwise never answer again).
                result = Call(number, P(), _random.OneIn(2) ? W() : (ulong)_random.Below(4));
                if (result >= 0)
                    Call(SyscallNumber.ThreadsResume);
                return true;
            case SyscallNumber.Write:
                return ReadOrWrite(number, out result);
            case SyscallNumber.Read:
                return ReadOrWrite(number, out result);
            case SyscallNumber.Pipe:
                return CreatePipe(out result);
            case SyscallNumber.Dup2:
            {
                long fd = Descriptor(), target = DescriptorToReplace();
                result = Call(number, (ulong)fd, (ulong)target);
                if (result == target && fd >= 0 && fd < FileModel.Descriptors)
                    FileModel.Duplicated((int)fd, (int)target);
                return true;
            }
            case SyscallNumber.Close:
            {
                long fd = DescriptorToReplace();
                result = Call(number, (ulong)fd);
                if (result == 0 && fd >= 0 && fd < FileModel.Descriptors)
                    FileModel.Closed((int)fd);
                return true;
            }
            case SyscallNumber.ProcessFork:
                return Fork(out result);
            case SyscallNumber.ProcessExec:
                // exec is the process server's now: its requests with hostile pointers (read from this
                // process's memory by the kernel), and now and then the kernel's call, refused without
                // the Processes capability.
                result = _random.Below(4) switch
                {
                    0 => Call(number, W(), W()),
                    1 => ProcClient.Exec((byte*)ExecPath(), (byte**)Argv(), (byte**)Argv()),
                    _ => ProcClient.ExecImage((byte*)ExecPath(), (byte*)Image(), _random.OneIn(4) ? (16UL << 20) + 1 : L(), (byte**)Argv(), (byte**)Argv()),
                };
                return true;
            case WaitMenu:
            {
                // waitpid and kill are the process server's now: on their numbers, fuzz its requests.
                // Blocking is safe: every child of a fuzzer exits at once.
                int status;
                result = ProcClient.WaitPid(Pid(), &status, _random.OneIn(4) ? W() & ~WaitStatus.NoHang : _random.OneIn(2) ? WaitStatus.NoHang : WaitStatus.NoHang | W());
                return true;
            }
            case SyscallNumber.SpaceShare:
                result = SharedMemory();
                return true;
            case SyscallNumber.Sleep:
                result = Call(number, _random.Below(MaxSleepNanoseconds));
                return true;
            case SyscallNumber.ProcessKill:
            {
                // Not 0: that is the caller's process group, which holds init's services (and, under
                // init=fuzz, the fuzzer itself). A group below -1 names nobody the fuzzer may not end:
                // only proc and mem lead groups here, and they refuse.
                long pid = Pid();
                result = ProcClient.Kill(pid == 0 ? NobodyPid : pid);
                return true;
            }
            // brk, mmap, munmap and mprotect are the memory server's now: on their old numbers, fuzz its requests.
            case RetiredBrk:
                result = Memory.Brk(BreakValue());
                return true;
            case RetiredMmap:
            {
                ulong length = L();
                result = Memory.Map(W(), length, _random.OneIn(8) ? W() : _random.Below(8UL));
                if (result > 0)
                    Remember((ulong)result, length);
                return true;
            }
            case RetiredMunmap:
            case RetiredMprotect:
            {
                ulong address = MappingTarget(out ulong length);
                ulong protection = _random.OneIn(8) ? W() : _random.Below(8UL);
                result = number == RetiredMunmap ? Memory.Unmap(address, length) : Memory.Protect(address, length, protection);
                return true;
            }
            case SyscallNumber.ClockGetTime:
                result = Call(number, _random.OneIn(4) ? W() : 0, P());
                return true;
            case SyscallNumber.CapDelete:
            case SyscallNumber.CapMove:
            {
                long slot = Menus.Slot(ref _random);
                if (slot == EchoServer.Endpoint || slot == ServiceSlot.Proc || slot == ServiceSlot.Mem)
                    return false;   // the echo server lives on it; the fuzzer reaps its children through proc and
                                    // makes blocking calls to mem (shared memory), which an endpoint moved into the
                                    // freed slot, that nobody serves, would never answer
                result = Call(number, (ulong)slot, S());
                return true;
            }
            case SyscallNumber.CapNarrow:
                result = Call(number, S(), W(), _random.OneIn(2) ? L() : W());
                return true;
            case SyscallNumber.Send:
            case SyscallNumber.Call:
            case SyscallNumber.Receive:
            case SyscallNumber.Reply:
                result = Message(number);
                return true;
            case SyscallNumber.ReplyReceive:
                return ReplyReceive(out result);
            case SyscallNumber.Wait:
                result = Call(number, S(), W() | MessageTag.NonBlocking);
                return true;
            case SyscallNumber.NotificationBind:
                result = Call(number, _random.OneIn(4) ? ~0UL : S(), W());
                return true;
            case SyscallNumber.ProcessEnded:
                // child_notify is the process server's now: on this number, fuzz its request.
                result = ProcClient.NotifyChildExits(_random.OneIn(4) ? -1 : (long)S(), W());
                return true;
            case SyscallNumber.IrqBind:
                result = Call(number, S(), S(), W());
                return true;
            case SyscallNumber.DeviceMap:
                result = Call(number, S(), _random.Below(8UL));
                if (result > 0)
                    Remember((ulong)result, DeviceMapPages * Arena.PageSize);
                return true;
            case SyscallNumber.ThreadCreate:
                result = CreateThread();
                return true;
            case SyscallNumber.BootModuleRead:
                result = Call(number, ReadablePath(), _random.OneIn(2) ? _random.Below(0x20000UL) : W(), P(), L());
                return true;
            case SyscallNumber.BootPackage:
            case SyscallNumber.BootModuleInfo:
                result = Call(number, _random.OneIn(2) ? _random.Below(40UL) : W(), P(), L());
                return true;
            case SyscallNumber.ProcessRead:
                result = Call(number, S(), _random.OneIn(2) ? _random.Below(40UL) : W(), P());
                return true;
            case SyscallNumber.ThreadRead:
            {
                // Threads are listed through the process server: on this number, fuzz its request.
                ThreadInfo info;
                result = ProcClient.Threads(_random.OneIn(2) ? (long)_random.Below(40UL) : (long)W(), _random.OneIn(2) ? (long)_random.Below(200UL) : (long)W(),
                    _random.OneIn(4) ? (ThreadInfo*)P() : &info);
                return true;
            }
            default:
                // getpid, yield, space_change (refused: the fuzzer holds no AddressSpaces), free_pages, current_cpu, endpoint/notification create,
                // cap mint/revoke/identify, signal, irq_ack, power_off (not init: EPERM), fault_handler (the
                // fuzzer makes no faults of its own to send anywhere): any words.
                result = Call(number, _random.OneIn(2) ? S() : W(), W(), W(), W(), W());
                return true;
        }
    }

    private static long Call(SyscallNumber number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0, ulong a4 = 0) =>
        Syscall.Raw((ulong)number, a0, a1, a2, a3, a4);

    private static long Descriptor() => _random.Below(8) switch
    {
        0 => -1,
        1 => FileModel.Descriptors + (long)_random.Below(4UL),
        2 => (1L << 32) + (long)_random.Below(4UL),
        3 => long.MinValue,
        _ => (long)_random.Below((ulong)FileModel.Descriptors),
    };

    // The report descriptor is never closed or replaced.
    private static long DescriptorToReplace()
    {
        long fd = Descriptor();
        return fd == FileModel.ReportDescriptor ? fd - 1 : fd;
    }

    private static bool ReadOrWrite(SyscallNumber number, out long result)
    {
        result = 0;
        long fd = Descriptor();
        ulong buffer = Menus.Pointer(ref _random, out PointerKind kind);
        ulong length = _random.OneIn(16) ? Menus.WrappingLength(ref _random, buffer) : L();
        FileKind file = FileModel.Kind(fd);
        bool reading = number == SyscallNumber.Read;
        switch (file)
        {
            case FileKind.Unknown:
                return false;
            case FileKind.Inherited:
                // The console: reading with a good buffer waits for a person, writing prints our memory.
                // A bad buffer fails before either.
                if (!Menus.IsInvalid(kind))
                    buffer = Menus.InvalidPointer(ref _random, out kind);
                break;
            case FileKind.PipeReader when reading:
                if (FileModel.Buffered((int)fd) == 0 && FileModel.OtherEnds((int)fd) > 0)
                    length = 0;   // nothing to read and a writer left: it would wait
                break;
            case FileKind.PipeWriter when !reading:
                ulong room = (ulong)(FileModel.PipeCapacity - FileModel.Buffered((int)fd));
                if (FileModel.OtherEnds((int)fd) > 0 && length > room)
                    length = room;   // more than fits, a reader left: it would wait
                break;
        }
        result = Call(number, (ulong)fd, buffer, length);
        if (result > 0 && (file == FileKind.PipeReader && reading || file == FileKind.PipeWriter && !reading))
            FileModel.Transferred((int)fd, result);
        return true;
    }

    private static bool CreatePipe(out long result)
    {
        result = 0;
        if (!FileModel.CanCreatePipe)
            return false;
        ulong fds = P();
        result = Call(SyscallNumber.Pipe, fds);
        if (result != 0)
            return true;
        if (fds >= Arena.Scratch && fds + 2 * sizeof(int) <= Arena.ScratchEnd)
            FileModel.PipeCreated(((int*)fds)[0], ((int*)fds)[1]);
        else
            FileModel.Confused();   // it wrote the descriptors somewhere the fuzzer will not look
        return true;
    }

    private static bool Fork(out long result)
    {
        result = 0;
        if (_forks >= MaxForks)
            return false;
        // fork is the process server's now; now and then the kernel's call, refused without its capability.
        result = _random.OneIn(4) ? Call(SyscallNumber.ProcessFork, W(), W(), W()) : ProcClient.Fork();
        if (result == 0)
            Syscall.Exit(0);   // the child: gone at once (so waiting for it never hangs)
        if (result > 0)
            _children[_forks++ % RememberedChildren] = result;
        return true;
    }

    private const long NobodyPid = 1_000_000;

    /// <summary>Pids a fuzzer may wait for (and, but for 0, kill): its own children, and pids that name nobody.</summary>
    private static long Pid()
    {
        long child = _forks > 0 ? _children[_random.Below(_forks < RememberedChildren ? _forks : RememberedChildren)] : 0;
        return _random.Below(8) switch
        {
            0 => -1,
            1 => 0,
            2 => -(long)_random.Below(1000UL) - 2,
            3 => long.MinValue,
            // Its own child again, but with high bits set: 32-bit truncation would find it.
            4 => child == 0 ? 0 : (1L << 32) + child,
            5 => 1_000_000 + (long)_random.Below(1000UL),
            _ => child,
        };
    }

    // Never moves the break down into what libc's heap holds.
    private static ulong BreakValue() => _random.Below(6) switch
    {
        0 => 0,
        1 => Menus.LowUnmapped,
        2 => _breakFloor + BreakGrowthLimit + 1 + _random.Below(1UL << 20),
        3 => Menus.Address(ref _random, PointerKind.Hhdm),
        4 => ~0UL - _random.Below(4096UL),
        _ => (ulong)Memory.Brk(0) + _random.Below(MaxBreakStep),
    };

    // Shared memory is the memory server's: on space_share's number (which only mem may call) fuzz
    // its requests, and now and then the call itself. Names come from a small set that the fuzz
    // program unlinks after every seed (objects outlive their creator), and sizes stay small (or
    // are refused outright), so a seed gives back all it took; a mapping is remembered for
    // munmap and mprotect, which must keep their hands off a shared page's protection.
    public const int SharedNames = 4;
    private const ulong MaxSharedPages = 4, RefusedSharedSize = 1UL << 25;

    private static long SharedMemory()
    {
        byte* name = stackalloc byte[] { (byte)'f', (byte)'z', (byte)('0' + (int)_random.Below(SharedNames)) };
        int nameLength = _random.OneIn(16) ? 0 : 3;
        switch (_random.Below(6))
        {
            case 0:
                return Call(SyscallNumber.SpaceShare, S(), P(), L(), (ulong)Pid(), W());
            case 1:
            {
                ulong size = _random.OneIn(8) ? (_random.OneIn(2) ? 0 : RefusedSharedSize | W()) : (1 + _random.Below(MaxSharedPages)) * Arena.PageSize;
                return MemClient.SharedCreate(name, nameLength, size, _random.OneIn(4) ? W() : _random.Below(8UL));
            }
            case 2:
                return MemClient.SharedOpen(name, nameLength, out _);
            case 3:
                return MemClient.SharedUnlink(name, nameLength);
            default:
            {
                long id = _random.OneIn(4) ? (long)W() : MemClient.SharedOpen(name, nameLength, out _);
                long address = MemClient.SharedMap(id, _random.OneIn(4) ? W() : _random.Below(8UL), out ulong size);
                if (address > 0)
                    Remember((ulong)address, size);
                return address;
            }
        }
    }

    /// <summary>Unlinks every name <see cref="SharedMemory"/> may have created (after a seed, by the fuzz program).</summary>
    public static void UnlinkSharedObjects()
    {
        byte* name = stackalloc byte[] { (byte)'f', (byte)'z', (byte)'0' };
        for (int i = 0; i < SharedNames; i++)
        {
            name[2] = (byte)('0' + i);
            MemClient.SharedUnlink(name, 3);
        }
    }

    private static void Remember(ulong start, ulong length)
    {
        int index = _maps++ % RememberedMappings;
        _mapStart[index] = start;
        _mapLength[index] = (length + Arena.PageSize - 1) & ~(Arena.PageSize - 1);
    }

    /// <summary>
    /// A range for munmap/mprotect that can only hit memory the fuzzer gave out for that purpose: its
    /// own mappings (downwards past their start is later mappings or nothing), the scratch buffer,
    /// nothing at all, or addresses the kernel must refuse. Never its code, stack, heap or stacks.
    /// </summary>
    private static ulong MappingTarget(out ulong length)
    {
        ulong page = Arena.PageSize;
        int count = _maps < RememberedMappings ? _maps : RememberedMappings;
        switch (_random.Below(10))
        {
            case 0 when count > 0:
            case 1 when count > 0:
            {
                int index = _random.Below(count);
                ulong pages = _mapLength[index] / page;
                ulong first = _random.Below(pages);
                length = (1 + _random.Below(pages - first)) * page - _random.Below(page);
                return _mapStart[index] + first * page;
            }
            case 2 when count > 0:
            {
                int index = _random.Below(count);
                ulong below = (1 + _random.Below(4UL)) * page;
                length = below + _random.Below(_mapLength[index]);
                return _mapStart[index] - below;
            }
            case 3:
            {
                ulong first = _random.Below(Arena.ScratchBytes / page);
                length = _random.OneIn(4) ? 0 : (1 + _random.Below(Arena.ScratchBytes / page - first)) * page;
                return Arena.Scratch + first * page;
            }
            case 4:
                length = 1 + _random.Below(4 * page);
                return Arena.Scratch + 1 + _random.Below(page - 1);   // misaligned
            case 5:
                length = 1 + _random.Below(1UL << 20);
                return Menus.LowUnmapped + _random.Below(16UL) * page;
            case 6:
                // Wraps, or runs past the end of the user half.
                length = _random.OneIn(2) ? Menus.WrappingLength(ref _random, Arena.Scratch) : Menus.UserEnd;
                return _random.OneIn(2) ? Arena.Scratch : Menus.UserEnd - page;
            default:
            {
                ulong address = Menus.InvalidPointer(ref _random, out _) & (_random.OneIn(2) ? ~(page - 1) : ~0UL);
                // Null and low addresses are user addresses: a long range from there would reach the program.
                length = address < Menus.UserEnd - page ? 1 + _random.Below(1UL << 20) : L();
                return address;
            }
        }
    }

    /// <summary>A path argument that may name a real boot module (for reads only).</summary>
    private static ulong ReadablePath() => _random.Below(6) switch
    {
        0 => (ulong)(_names + NameTrue),
        1 => (ulong)(_names + NameBare),
        2 => (ulong)(_names + NameFuzz),
        3 => (ulong)(_names + NameEmpty),
        _ => ExecPath(),
    };

    /// <summary>A path that never names a program: junk (terminated or running into unmapped memory), a missing name, bad pointers.</summary>
    private static ulong ExecPath() => _random.Below(5) switch
    {
        0 => Arena.Junk + Arena.JunkStringOffset,
        1 => Arena.JunkEnd - 1 - _random.Below(300UL),
        2 => (ulong)(_names + NameMissing),
        3 => Arena.Junk + _random.Below(Arena.JunkBytes),
        _ => Menus.InvalidPointer(ref _random, out _),
    };

    private static ulong Argv() => _random.Below(7) switch
    {
        0 => 0,
        1 => Arena.Junk + Arena.JunkArgvOffset,
        2 => Arena.Junk + Arena.BadArgvOffset,
        3 => Arena.Junk + Arena.LongArgvOffset,
        4 => Arena.JunkEnd - 8 * (1 + _random.Below(4UL)),   // no terminating null before the hole
        5 => Arena.Junk + Arena.JunkStringOffset,            // "pointers" made of junk bytes
        _ => Menus.InvalidPointer(ref _random, out _),
    };

    // Never the scratch buffer (boot_module_read may have copied a real program there) nor the
    // program's own text (its ELF header is mapped): an image here must never be a valid program.
    private static ulong Image() => _random.OneIn(2) ? Arena.Junk + _random.Below(Arena.JunkBytes) : Menus.InvalidPointer(ref _random, out _);

    private static long Message(SyscallNumber number)
    {
        IpcMessage message = default;
        ulong tag = MessageTag.Make((uint)_random.Next(), _random.OneIn(4) ? _random.Below(256) : _random.Below(IpcLayout.MaxPayloadBytes + 1));
        if (_random.OneIn(3))
            tag = MessageTag.WithCapabilities(tag, _random.Below(8));
        if (_random.OneIn(4))
            tag |= _random.OneIn(2) ? MessageTag.GrantRead : MessageTag.GrantWrite;
        if (_random.OneIn(8))
            tag |= MessageTag.Notification | (W() << 48);
        if (_random.OneIn(2))
            tag = MessageTag.AcceptCapabilitiesAt(tag, _random.Below(Menus.Slots + 2) - 1);
        // Never wait: a send, call or receive with nobody there fails with EAGAIN instead.
        message.Tag = tag | MessageTag.NonBlocking;
        for (int i = 0; i < IpcLayout.MessageWords; i++)
            message.Words[i] = _random.OneIn(3) ? S() : W();
        if (MessageTag.HasGrant(tag))
        {
            message.Words[MessageTag.GrantAddressWord] = _random.OneIn(4) ? P() : Arena.Scratch + _random.Below(Arena.ScratchBytes / Arena.PageSize) * Arena.PageSize;
            message.Words[MessageTag.GrantLengthWord] = _random.OneIn(3) ? L() : (1 + _random.Below(8UL)) * Arena.PageSize;
        }
        long slot = _random.OneIn(2) && EchoServer.Running ? EchoServer.Endpoint : Menus.Slot(ref _random);
        return number switch
        {
            SyscallNumber.Send => Ipc.Send(slot, &message),
            SyscallNumber.Call => Ipc.Call(slot, &message),
            SyscallNumber.Receive => Ipc.Receive(slot, &message),
            _ => Ipc.Reply(&message),
        };
    }

    /// <summary>
    /// reply_receive always waits for a message (it ignores the non-blocking flag), so a fresh
    /// notification is bound and signalled first: the receive then ends at once with its bits.
    /// </summary>
    private static bool ReplyReceive(out long result)
    {
        result = 0;
        long notification = Syscall.Raw((ulong)SyscallNumber.NotificationCreate, 0, 0, 0, 0, 0);
        if (notification < 0)
            return false;
        bool ready = Call(SyscallNumber.NotificationBind, (ulong)notification) == 0 &&
                     Call(SyscallNumber.Signal, (ulong)notification, 1) == 0;
        if (ready)
        {
            IpcMessage message = default;
            message.Tag = MessageTag.Make((uint)_random.Next(), _random.Below(IpcLayout.MaxPayloadBytes + 1));
            for (int i = 0; i < IpcLayout.MessageWords; i++)
                message.Words[i] = W();
            result = Ipc.ReplyReceive(Menus.Slot(ref _random), &message);
        }
        Call(SyscallNumber.NotificationBind, ~0UL);
        Ipc.Delete(notification);
        return ready;
    }

    private static long CreateThread()
    {
        int stack = _nextStack++ % Arena.ThreadStacks;
        ulong entry = ThreadStartAddress(), stackTop = Arena.StackTop(stack);
        switch (_random.Below(4))
        {
            case 0:
                // Entries the kernel must refuse: below the lowest user address, kernel, non-canonical.
                entry = _random.OneIn(3) ? _random.Below(LowestThreadAddress) : Menus.InvalidPointer(ref _random, out _);
                if (entry >= LowestThreadAddress && entry < Menus.UserEnd)
                    entry = Menus.KernelImage;   // a straddling pointer just below the end is still user memory
                break;
            case 1:
                // Stacks the kernel must refuse: misaligned, too low, kernel, non-canonical.
                stackTop = _random.Below(4) switch
                {
                    0 => stackTop + 8,
                    1 => _random.Below(LowestThreadAddress + 1),
                    2 => Menus.UserEnd + 16,
                    _ => Menus.Address(ref _random, PointerKind.Hhdm) & ~15UL,
                };
                break;
        }
        delegate* unmanaged<ulong, void> quit = &Quit;
        return Call(SyscallNumber.ThreadCreate, entry, stackTop, (ulong)quit, W());
    }

    [UnmanagedCallersOnly]
    private static void Quit(ulong unused) { }
}
