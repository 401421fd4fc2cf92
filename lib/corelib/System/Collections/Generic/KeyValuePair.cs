namespace System.Collections.Generic;

/// <summary>A dictionary's entry as its enumerator hands it out.</summary>
public readonly struct KeyValuePair<TKey, TValue>(TKey key, TValue value)
{
    public TKey Key { get; } = key;

    public TValue Value { get; } = value;

    public void Deconstruct(out TKey key, out TValue value)
    {
        key = Key;
        value = Value;
    }
}
