namespace System;

using System.Runtime.CompilerServices;

/// <summary>Math the JIT turns into one instruction; each body is the call it expands (as .NET's are).</summary>
public static partial class Math
{
    /// <summary>The square root: <c>sqrtsd</c>.</summary>
    [Intrinsic]
    public static double Sqrt(double value) => Sqrt(value);
}
