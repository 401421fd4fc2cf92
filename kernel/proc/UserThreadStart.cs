namespace Ocean.Kernel.Proc;

using System.Runtime;
using System.Runtime.CompilerServices;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;

/// <summary>
/// How a user thread's kernel stack starts (first process, fork, thread_create): its
/// <see cref="InterruptFrame"/> at the top, its SSE state below it, and a <see cref="SwitchFrame"/>
/// whose first switch "returns" into ThreadStartUser, which enters ring 3 from that frame.
/// </summary>
public static unsafe class UserThreadStart
{
    [RuntimeImport("*", "ThreadStartUserAddress")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern ulong ThreadStartUserAddress();

    /// <summary>Lays the stack out, the frame and SSE state copied from <paramref name="copyFrom"/> (fork) or zeroed and default.</summary>
    public static InterruptFrame* Prepare(Thread thread, InterruptFrame* copyFrom)
    {
        var frame = (InterruptFrame*)(thread.KernelStackTop - (ulong)sizeof(InterruptFrame));
        *frame = copyFrom != null ? *copyFrom : default;
        byte* sse = FxsaveArea.Below(frame);
        if (copyFrom != null)
            System.Buffer.Memmove(sse, FxsaveArea.Below(copyFrom), FxsaveArea.Size);
        else
            FxsaveArea.WriteDefault(sse);
        // ThreadStartUser expects RSP at the SSE state with the frame right above it: a stack top is
        // page-aligned and the frame is 176 bytes, so the aligned state ends exactly at the frame.
        thread.SavedStackPointer = SwitchFrame.Push((ulong)sse, ThreadStartUserAddress());
        return frame;
    }

    /// <summary>Makes <paramref name="frame"/> enter ring 3 at <paramref name="entry"/> with the stack at <paramref name="stack"/>.</summary>
    public static void SetEntry(InterruptFrame* frame, ulong entry, ulong stack)
    {
        *frame = default;
        frame->Rip = entry;
        frame->Rsp = stack;
        frame->Cs = UserLayout.UserCodeSelector;
        frame->Ss = UserLayout.UserDataSelector;
        frame->Rflags = UserLayout.InitialFlags;
    }
}
