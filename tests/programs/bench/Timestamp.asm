; ulong ReadTimestamp(void): the TSC. Under QEMU -icount shift=0 it counts guest instructions.
bits 64
section .text
global ReadTimestamp
ReadTimestamp:
    rdtsc
    shl rdx, 32
    or rax, rdx
    ret
