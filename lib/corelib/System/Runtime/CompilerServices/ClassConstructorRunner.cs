namespace System.Runtime.CompilerServices;

/// <summary>
/// Runs a class's static constructor the first time the class is touched (ilc calls this for
/// classes whose static constructor could not be preinitialized). Single-threaded for now.
/// </summary>
internal static unsafe class ClassConstructorRunner
{
    private static IntPtr CheckStaticClassConstructionReturnNonGCStaticBase(ref StaticClassConstructionContext context, IntPtr nonGcStaticBase)
    {
        EnsureClassConstructorRun(ref context);
        return nonGcStaticBase;
    }

    private static object CheckStaticClassConstructionReturnGCStaticBase(ref StaticClassConstructionContext context, object gcStaticBase)
    {
        EnsureClassConstructorRun(ref context);
        return gcStaticBase;
    }

    private static void EnsureClassConstructorRun(ref StaticClassConstructionContext context)
    {
        IntPtr constructor = context.cctorMethodAddress;
        if (constructor == 0)
            return;
        // Clear first so a constructor that touches its own class does not recurse.
        context.cctorMethodAddress = 0;
        ((delegate*<void>)constructor)();
    }
}

/// <summary>ilc's per-class record: the address of the static constructor, zero once it ran.</summary>
public struct StaticClassConstructionContext
{
    public IntPtr cctorMethodAddress;
}
