namespace Ocean.Loader.Limine;

using System.Runtime;
using System.Runtime.CompilerServices;

public static unsafe class Handoff
{
    /// <summary>Switches to the kernel's page tables, GDT and stack and jumps to its entry; never returns.</summary>
    [RuntimeImport("*", "LoaderHandoff")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void Enter(HandoffState* state);
}
