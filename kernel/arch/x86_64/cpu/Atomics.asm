; The one atomic operation the compiler cannot express (a 16-bit add) and per-CPU access through GS.
; (Atomic.cs has the others: the compiler expands them in place.)
bits 64
section .text

; ushort AtomicAdd16(ushort* location, short value): returns the new value (wrapping, as 16 bits
; do); the location may be unaligned (a page record's reference count).
global AtomicAdd16
AtomicAdd16:
    mov eax, esi
    lock xadd [rdi], ax
    add eax, esi
    movzx eax, ax
    ret

; PerCpu* CurrentPerCpu(void): PerCpu.Self through GS (kernel mode only).
global CurrentPerCpu
CurrentPerCpu:
    mov rax, [gs:0]
    ret

; Thread CurrentThread(void): PerCpu.CurrentThread through GS (kernel mode only). The scheduler
; stores the running thread's address there; without a moving GC it is a valid reference.
CPU_CURRENT_THREAD equ 24
global CurrentThread
CurrentThread:
    mov rax, [gs:CPU_CURRENT_THREAD]
    ret

; RunQueue CurrentRunQueue(void): PerCpu.RunQueue through GS (kernel mode only), set once per CPU.
CPU_RUN_QUEUE equ 32
global CurrentRunQueue
CurrentRunQueue:
    mov rax, [gs:CPU_RUN_QUEUE]
    ret

; ulong ObjectAddress(object): the object's address, for PerCpu.CurrentThread and PerCpu.RunQueue.
global ObjectAddress
ObjectAddress:
    mov rax, rdi
    ret

; void ReloadCr3(void): flushes every non-global TLB entry of this CPU.
global ReloadCr3
ReloadCr3:
    mov rax, cr3
    mov cr3, rax
    ret
