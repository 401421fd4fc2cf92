; Ocean loader entry. A flat binary loaded at 1 MiB by any Multiboot loader:
;   Multiboot 1 (QEMU -kernel): the a.out-kludge address fields say where the bytes go;
;   Multiboot 2 (GRUB multiboot2): the address and entry tags say the same.
; Entered in 32-bit protected mode, paging off, EAX = magic, EBX = physical address of the info.
; It identity-maps the first 4 GiB, switches to long mode, enables SSE and calls
; LoaderMain(magic, info, modulesStart, modulesEnd, loaderEnd, cpuidExtendedFeaturesEdx) in C#.

MB1_MAGIC          equ 0x1BADB002
MB1_PAGE_ALIGN     equ 1 << 0      ; modules on page boundaries
MB1_MEMORY_INFO    equ 1 << 1      ; ask for the memory map
MB1_ADDRESS_FIELDS equ 1 << 16     ; a.out kludge: load addresses below are valid
MB1_FLAGS          equ MB1_PAGE_ALIGN | MB1_MEMORY_INFO | MB1_ADDRESS_FIELDS

MB2_MAGIC          equ 0xE85250D6
MB2_ARCH_I386      equ 0
MB2_TAG_END        equ 0
MB2_TAG_ADDRESS    equ 2
MB2_TAG_ENTRY      equ 3
MB2_TAG_MODULE_ALIGN equ 6

PAGE_PRESENT   equ 1 << 0
PAGE_WRITABLE  equ 1 << 1
PAGE_HUGE      equ 1 << 7
CR0_PE         equ 1 << 0
CR0_MP         equ 1 << 1
CR0_EM         equ 1 << 2
CR0_WP         equ 1 << 16
CR0_PG         equ 1 << 31
CR4_PAE        equ 1 << 5
CR4_OSFXSR     equ 1 << 9
CR4_OSXMMEXCPT equ 1 << 10
MSR_EFER       equ 0xC0000080
EFER_LME       equ 1 << 8
EFER_NXE       equ 1 << 11
CPUID_EXT_FEATURES equ 0x80000001
CPUID_LONG_MODE    equ 1 << 29
CPUID_NX           equ 1 << 20
COM1           equ 0x3F8
STACK_SIZE     equ 64 * 1024
HEAP_SIZE      equ 1024 * 1024

extern __loader_start
extern __loader_data_end
extern __loader_bss_end
extern __modules_start
extern __modules_end
extern LoaderMain

section .multiboot progbits alloc exec nowrite align=8
align 4
multiboot1_header:
    dd MB1_MAGIC
    dd MB1_FLAGS
    dd -(MB1_MAGIC + MB1_FLAGS)
    dd multiboot1_header        ; header_addr
    dd __loader_start           ; load_addr
    dd __loader_data_end        ; load_end_addr
    dd __loader_bss_end         ; bss_end_addr
    dd entry32                  ; entry_addr

align 8
multiboot2_header:
    dd MB2_MAGIC
    dd MB2_ARCH_I386
    dd multiboot2_header_end - multiboot2_header
    dd -(MB2_MAGIC + MB2_ARCH_I386 + (multiboot2_header_end - multiboot2_header))
align 8
    dw MB2_TAG_ADDRESS, 0
    dd 24
    dd multiboot2_header        ; header_addr
    dd __loader_start           ; load_addr
    dd __loader_data_end        ; load_end_addr
    dd __loader_bss_end         ; bss_end_addr
align 8
    dw MB2_TAG_ENTRY, 0
    dd 12
    dd entry32
align 8
    dw MB2_TAG_MODULE_ALIGN, 0
    dd 8
align 8
    dw MB2_TAG_END, 0
    dd 8
multiboot2_header_end:

section .text
bits 32
global entry32
; entry32: the Multiboot entry. Contract: EAX = bootloader magic, EBX = info address; never returns.
entry32:
    cli
    cld
    mov esp, stack_top
    mov [boot_magic], eax
    mov [boot_info], ebx

    mov eax, CPUID_EXT_FEATURES
    cpuid
    test edx, CPUID_LONG_MODE
    jz no_long_mode
    mov [cpu_ext_features], edx

    ; Zero the tables (the bss may not be cleared), then map 0-4 GiB with 2 MiB pages.
    mov edi, page_tables
    mov ecx, PAGE_TABLES_SIZE / 4
    xor eax, eax
    rep stosd
    mov dword [pml4], pdpt + (PAGE_PRESENT | PAGE_WRITABLE)
    mov edi, pdpt
    mov eax, page_directories + (PAGE_PRESENT | PAGE_WRITABLE)
    mov ecx, 4
.fill_pdpt:
    mov [edi], eax
    add eax, 4096
    add edi, 8
    loop .fill_pdpt
    mov edi, page_directories
    mov eax, PAGE_PRESENT | PAGE_WRITABLE | PAGE_HUGE
    xor edx, edx
    mov ecx, 4 * 512
.fill_pd:
    mov [edi], eax
    mov [edi + 4], edx
    add eax, 0x200000
    adc edx, 0
    add edi, 8
    loop .fill_pd

    mov eax, cr4
    or eax, CR4_PAE
    mov cr4, eax
    mov eax, pml4
    mov cr3, eax
    mov ecx, MSR_EFER
    rdmsr
    or eax, EFER_LME
    test dword [cpu_ext_features], CPUID_NX
    jz .no_nx
    or eax, EFER_NXE
.no_nx:
    wrmsr
    mov eax, cr0
    or eax, CR0_PG | CR0_PE | CR0_WP
    mov cr0, eax
    lgdt [gdt64_pointer]
    jmp GDT64_CODE:entry64

; no_long_mode: say why on COM1 and stop (the CPU cannot run Ocean).
no_long_mode:
    mov esi, no_long_mode_message
.next:
    lodsb
    test al, al
    jz .stop
    mov dx, COM1
    out dx, al
    jmp .next
.stop:
    hlt
    jmp .stop

bits 64
entry64:
    mov ax, GDT64_DATA
    mov ds, ax
    mov es, ax
    mov ss, ax
    xor eax, eax
    mov fs, ax
    mov gs, ax
    ; The loader's own C# uses SSE.
    mov rax, cr0
    and rax, ~CR0_EM
    or rax, CR0_MP
    mov cr0, rax
    mov rax, cr4
    or rax, CR4_OSFXSR | CR4_OSXMMEXCPT
    mov cr4, rax
    fninit
    mov edi, [boot_magic]
    mov esi, [boot_info]
    lea rdx, [rel __modules_start]
    lea rcx, [rel __modules_end]
    lea r8, [rel __loader_bss_end]
    mov r9d, [cpu_ext_features]
    xor ebp, ebp
    call LoaderMain
.halt:
    cli
    hlt
    jmp .halt

section .rodata
no_long_mode_message: db "Ocean loader: this CPU has no 64-bit long mode", 13, 10, 0

align 8
gdt64:
    dq 0
GDT64_CODE equ $ - gdt64
    dq 0x00AF9A000000FFFF       ; 64-bit code, ring 0
GDT64_DATA equ $ - gdt64
    dq 0x00CF92000000FFFF       ; data, ring 0
gdt64_end:
gdt64_pointer:
    dw gdt64_end - gdt64 - 1
    dq gdt64

section .data
boot_magic:       dd 0
boot_info:        dd 0
cpu_ext_features: dd 0

section .bss
align 4096
page_tables:
pml4:             resb 4096
pdpt:             resb 4096
page_directories: resb 4 * 4096
PAGE_TABLES_SIZE  equ $ - page_tables
stack_bottom:     resb STACK_SIZE
stack_top:
heap_start:       resb HEAP_SIZE
heap_end:

section .text
; void LoaderHeapBounds(byte** start, byte** end): the loader's own heap, for C# `new`.
global LoaderHeapBounds
LoaderHeapBounds:
    lea rax, [rel heap_start]
    mov [rdi], rax
    lea rax, [rel heap_end]
    mov [rsi], rax
    ret
