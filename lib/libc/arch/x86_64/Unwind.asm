; What lib/libc/Unwind needs in assembly: registers only the CPU can give (where a walk starts), the
; bounds of the tables the linker script keeps, and calls into catch and finally blocks with their
; frame's registers.
bits 64
extern __eh_frame_start
extern __eh_frame_end
extern __ocean_symbols_start
extern __ocean_symbols_end
extern OceanCatchEnded

; FrameRegisters (lib/libc/Unwind/CallFrameRules.cs), checked by AsmFactsTests.
FRAME_RIP equ 0
FRAME_RSP equ 8
FRAME_RBX equ 16
FRAME_RBP equ 24
FRAME_R12 equ 32
FRAME_R13 equ 40
FRAME_R14 equ 48
FRAME_R15 equ 56

; The callee-saved registers from, or into, the FrameRegisters at %1.
%macro LOAD_FRAME 1
    mov rbx, [%1 + FRAME_RBX]
    mov rbp, [%1 + FRAME_RBP]
    mov r12, [%1 + FRAME_R12]
    mov r13, [%1 + FRAME_R13]
    mov r14, [%1 + FRAME_R14]
    mov r15, [%1 + FRAME_R15]
%endmacro
%macro STORE_FRAME 1
    mov [%1 + FRAME_RBX], rbx
    mov [%1 + FRAME_RBP], rbp
    mov [%1 + FRAME_R12], r12
    mov [%1 + FRAME_R13], r13
    mov [%1 + FRAME_R14], r14
    mov [%1 + FRAME_R15], r15
%endmacro

section .text

; void OceanCaptureRegisters(FrameRegisters* registers): the caller's frame as it will be once this
; returns: the return address (an instruction of the caller), the stack pointer after the return,
; and the callee-saved registers, which this routine leaves as they were. Field order: Rip, Rsp,
; Rbx, Rbp, R12, R13, R14, R15.
global OceanCaptureRegisters
OceanCaptureRegisters:
    mov rax, [rsp]
    mov [rdi + FRAME_RIP], rax
    lea rax, [rsp + 8]
    mov [rdi + FRAME_RSP], rax
    STORE_FRAME rdi
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
    push qword [rdx + FRAME_RSP]    ; the frame's stack pointer, for after the block (and 16-byte alignment for the call)
    LOAD_FRAME rdx
    call rsi
    push rax                ; where the frame goes on
    sub rsp, 8              ; (16-byte alignment for the call)
    call OceanCatchEnded    ; the block is over: no longer running
    add rsp, 8
    pop rax
    pop rsp
    jmp rax

; bool OceanCallFilterFunclet(object exception, void* funclet, FrameRegisters* frame, FrameRegisters*
; resume): runs a catch's filter (C#'s `when`) with its frame's frame pointer, the one register a
; filter reads its method's locals through, RDI = the exception; whether it says the catch takes it
; (EAX not 0). *resume gets this call's own state first: an exception that escapes the filter comes
; back here through OceanResumeFilter, as a filter that said no.
global OceanCallFilterFunclet
OceanCallFilterFunclet:
    push rbp                ; (and 16-byte alignment for the call)
    STORE_FRAME rcx
    mov [rcx + FRAME_RSP], rsp
    lea rax, [rel .resumed]
    mov [rcx + FRAME_RIP], rax
    mov rbp, [rdx + FRAME_RBP]
    call rsi
.resumed:
    pop rbp
    ret

; void OceanResumeFilter(FrameRegisters* resume, ...): leaves an exception's dispatch for the filter
; call that *resume describes (OceanCallFilterFunclet), which returns false. Never returns.
global OceanResumeFilter
OceanResumeFilter:
    LOAD_FRAME rdi
    mov rsp, [rdi + FRAME_RSP]
    xor eax, eax
    jmp [rdi + FRAME_RIP]

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
    LOAD_FRAME rsi
    call rdi
    pop rsi
    STORE_FRAME rsi
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbp
    pop rbx
    ret
