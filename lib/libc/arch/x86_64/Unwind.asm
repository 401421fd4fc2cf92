; What lib/libc/Unwind needs in assembly: registers only the CPU can give (where a walk starts), the
; bounds of the tables the linker script keeps, and calls into catch and finally blocks with their
; frame's registers.
bits 64
extern __eh_frame_start
extern __eh_frame_end
extern __ocean_symbols_start
extern __ocean_symbols_end
extern OceanCatchEnded

section .text

; void OceanCaptureRegisters(FrameRegisters* registers): the caller's frame as it will be once this
; returns: the return address (an instruction of the caller), the stack pointer after the return,
; and the callee-saved registers, which this routine leaves as they were. Field order: Rip, Rsp,
; Rbx, Rbp, R12, R13, R14, R15.
global OceanCaptureRegisters
OceanCaptureRegisters:
    mov rax, [rsp]
    mov [rdi], rax
    lea rax, [rsp + 8]
    mov [rdi + 8], rax
    mov [rdi + 16], rbx
    mov [rdi + 24], rbp
    mov [rdi + 32], r12
    mov [rdi + 40], r13
    mov [rdi + 48], r14
    mov [rdi + 56], r15
    ret

; byte* OceanSymbolTable(byte** end): the program's method names (.ocean_symbols: lib/libc/Unwind/SymbolTable.cs).
global OceanSymbolTable
OceanSymbolTable:
    lea rax, [rel __ocean_symbols_end]
    mov [rdi], rax
    lea rax, [rel __ocean_symbols_start]
    ret

; byte* OceanUnwindTable(byte** end): the program's .eh_frame (user.ld's bounds); its end in *end.
global OceanUnwindTable
OceanUnwindTable:
    lea rax, [rel __eh_frame_end]
    mov [rdi], rax
    lea rax, [rel __eh_frame_start]
    ret

; void OceanCallCatchFunclet(object exception, void* funclet, FrameRegisters* frame): runs a catch
; block (a funclet ilc compiled out of its method) with the registers of the frame it belongs to
; (it reaches the method's locals through rbp), RDI = the exception; the block returns where the
; method goes on (RAX), which is resumed with the frame's stack pointer once the dispatcher has been
; told (OceanCatchEnded). Never returns: everything below that frame, the thrower and the dispatcher
; included, is left behind.
global OceanCallCatchFunclet
OceanCallCatchFunclet:
    push qword [rdx + 8]    ; the frame's stack pointer, for after the block (and 16-byte alignment for the call)
    mov rbx, [rdx + 16]
    mov rbp, [rdx + 24]
    mov r12, [rdx + 32]
    mov r13, [rdx + 40]
    mov r14, [rdx + 48]
    mov r15, [rdx + 56]
    call rsi
    push rax                ; where the frame goes on
    sub rsp, 8              ; (16-byte alignment for the call)
    call OceanCatchEnded    ; the block is over: no longer running
    add rsp, 8
    pop rax
    pop rsp
    jmp rax

; bool OceanCallFilterFunclet(object exception, void* funclet, FrameRegisters* frame): runs a catch's
; filter (C#'s `when`) with its frame's frame pointer, the one register a filter reads its method's
; locals through, RDI = the exception; whether it says the catch takes it (EAX not 0).
global OceanCallFilterFunclet
OceanCallFilterFunclet:
    push rbp                ; (and 16-byte alignment for the call)
    mov rbp, [rdx + 24]
    call rsi
    pop rbp
    ret

; void OceanCallFinallyFunclet(void* funclet, FrameRegisters* frame): runs a finally block with its
; frame's registers and returns; the frame's callee-saved registers come back as the block left
; them (the walk goes on from there), and this routine's caller gets its own back.
global OceanCallFinallyFunclet
OceanCallFinallyFunclet:
    push rbx
    push rbp
    push r12
    push r13
    push r14
    push r15
    push rsi                ; the frame (seven pushes: 16-byte alignment for the call)
    mov rbx, [rsi + 16]
    mov rbp, [rsi + 24]
    mov r12, [rsi + 32]
    mov r13, [rsi + 40]
    mov r14, [rsi + 48]
    mov r15, [rsi + 56]
    call rdi
    pop rsi
    mov [rsi + 16], rbx
    mov [rsi + 24], rbp
    mov [rsi + 32], r12
    mov [rsi + 40], r13
    mov [rsi + 48], r14
    mov [rsi + 56], r15
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbp
    pop rbx
    ret
