namespace System.Collections.Generic;

/// <summary>A sequence of <typeparamref name="T"/> that <c>foreach</c> can walk.</summary>
public interface IEnumerable<out T> : IEnumerable
{
    new IEnumerator<T> GetEnumerator();
}

/// <summary>A position in a sequence of <typeparamref name="T"/>; disposed when the walk ends.</summary>
public interface IEnumerator<out T> : IDisposable, IEnumerator
{
    new T Current { get; }
}

/// <summary>A sequence whose length is known.</summary>
public interface IReadOnlyCollection<out T> : IEnumerable<T>
{
    int Count { get; }
}

/// <summary>A sequence read by index.</summary>
public interface IReadOnlyList<out T> : IReadOnlyCollection<T>
{
    T this[int index] { get; }
}
