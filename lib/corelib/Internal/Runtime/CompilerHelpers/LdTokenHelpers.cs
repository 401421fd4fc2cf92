namespace Internal.Runtime.CompilerHelpers;

using System;

/// <summary>ilc routes typeof/ldtoken here. Ocean has no reflection, so handles carry no data.</summary>
internal static class LdTokenHelpers
{
    private static RuntimeTypeHandle GetRuntimeTypeHandle(IntPtr methodTable) => default;

    private static RuntimeMethodHandle GetRuntimeMethodHandle(IntPtr methodInfo) => default;

    private static RuntimeFieldHandle GetRuntimeFieldHandle(IntPtr fieldInfo) => default;

    private static Type GetRuntimeType(IntPtr methodTable)
    {
        RuntimeImports.FatalError("typeof is not supported");
        return null;
    }
}
