namespace System;

/// <summary>An order as a function: negative, zero or positive as x sorts before, with or after y.</summary>
public delegate int Comparison<in T>(T x, T y);
