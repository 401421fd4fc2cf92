; Atomic operations and per-CPU access for the scheduler's lock and SMP start-up.
bits 64
section .text

; int AtomicExchange32(int* location, int value): returns the old value (xchg is implicitly locked).
global AtomicExchange32
AtomicExchange32:
    mov eax, esi
    xchg [rdi], eax
    ret

; void AtomicStore32(int* location, int value): a release store (x86 stores are not reordered with
; earlier loads or stores; being a call also keeps the compiler from moving accesses across it).
global AtomicStore32
AtomicStore32:
    mov [rdi], esi
    ret

; int AtomicLoad32(int* location)
global AtomicLoad32
AtomicLoad32:
    mov eax, [rdi]
    ret

; int AtomicCompareExchange32(int* location, int expected, int desired): stores desired if the
; location holds expected; returns what it held (expected on success).
global AtomicCompareExchange32
AtomicCompareExchange32:
    mov eax, esi
    lock cmpxchg [rdi], edx
    ret

; int AtomicAdd32(int* location, int value): returns the new value.
global AtomicAdd32
AtomicAdd32:
    mov eax, esi
    lock xadd [rdi], eax
    add eax, esi
    ret

; long AtomicAdd64(long* location, long value): returns the new value.
global AtomicAdd64
AtomicAdd64:
    mov rax, rsi
    lock xadd [rdi], rax
    add rax, rsi
    ret

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
