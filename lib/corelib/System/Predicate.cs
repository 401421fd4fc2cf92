namespace System;

/// <summary>A test of a value.</summary>
public delegate bool Predicate<in T>(T obj);
