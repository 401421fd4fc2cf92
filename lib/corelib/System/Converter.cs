namespace System;

/// <summary>A conversion of a value.</summary>
public delegate TOutput Converter<in TInput, out TOutput>(TInput input);
