package dev.aiolab.kernel.mm;

import dev.aiolab.kernel.block.RequestQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * {@code struct address_space}: the pages of one file by index (the radix tree) with the DIRTY and
 * WRITEBACK tags and tagged range lookups, {@code nrpages}, the operations, the backing device and
 * the host inode's size ({@code i_size}) and {@code dirtied_when}.
 *
 * <p>Pages are found by index in a {@link PageIndex}; each tag is a {@link TreeMap}, since tagged
 * lookups walk a range in index order.
 */
public final class AddressSpace {
    /** radix-tree tags (include/linux/fs.h). */
    public enum Tag { DIRTY, WRITEBACK }

    private final String name;
    private final PageIndex pageTree = new PageIndex();
    private final TreeMap<Long, Page> dirtyTag = new TreeMap<>();
    private final TreeMap<Long, Page> writebackTag = new TreeMap<>();
    AddressSpaceOperations aops;
    final RequestQueue backingDev;
    /** {@code host->i_size} in bytes. */
    long iSize;
    /** {@code host->dirtied_when}: when the inode became dirty (ns), or -1 when clean. */
    long dirtiedWhen = -1;
    /** {@code host->i_state}, at the host inode's kernel address. */
    private final InodeState iState;

    public AddressSpace(String name, RequestQueue backingDev, long iSize) {
        this(name, backingDev, iSize, 0);
    }

    /** A mapping whose host inode lies at kernel address {@code inodeAddress}. */
    public AddressSpace(String name, RequestQueue backingDev, long iSize, long inodeAddress) {
        this.name = name;
        this.backingDev = backingDev;
        this.iSize = iSize;
        this.iState = new InodeState(inodeAddress, name);
    }

    /** {@code inode->i_state} (include/linux/fs.h), a word that tasks wait on for {@code __I_LOCK}. */
    public static final class InodeState extends dev.aiolab.kernel.sched.FlagsWord {
        /** include/linux/fs.h {@code __I_LOCK}: the inode is under writeback. */
        public static final int I_LOCK = 3;
        private final String name;

        InodeState(long address, String name) {
            super(address);
            this.name = name;
        }

        @Override
        public String toString() {
            return "i_state of " + name;
        }
    }

    /** {@code host->i_state}. */
    public InodeState iState() {
        return iState;
    }

    public String name() {
        return name;
    }

    public void setOperations(AddressSpaceOperations aops) {
        this.aops = aops;
    }

    public AddressSpaceOperations operations() {
        return aops;
    }

    public RequestQueue backingDev() {
        return backingDev;
    }

    /** {@code i_size_read(mapping->host)}. */
    public long iSize() {
        return iSize;
    }

    /** {@code i_size_write}. */
    public void setISize(long size) {
        this.iSize = size;
    }

    /** {@code mapping->nrpages}. */
    public int nrpages() {
        return pageTree.size();
    }

    /** {@code radix_tree_lookup} without taking a reference. */
    public Page lookup(long index) {
        return pageTree.get(index);
    }

    /** {@code radix_tree_insert}: false, inserting nothing, when the index is taken ({@code -EEXIST}). */
    boolean insert(Page page) {
        return pageTree.insert(page);
    }

    void remove(Page page) {
        pageTree.remove(page);
        // reclaim removes clean pages by the thousand; skip boxing the index for empty tag maps
        if (!dirtyTag.isEmpty()) {
            dirtyTag.remove(page.index, page);
        }
        if (!writebackTag.isEmpty()) {
            writebackTag.remove(page.index, page);
        }
    }

    private TreeMap<Long, Page> tagMap(Tag tag) {
        return tag == Tag.DIRTY ? dirtyTag : writebackTag;
    }

    void tagSet(Page page, Tag tag) {
        tagMap(tag).put(page.index, page);
    }

    void tagClear(Page page, Tag tag) {
        tagMap(tag).remove(page.index, page);
    }

    /** {@code radix_tree_tagged}: whether any page carries {@code tag}. */
    public boolean tagged(Tag tag) {
        return !tagMap(tag).isEmpty();
    }

    /** Pages carrying {@code tag}. */
    public int taggedCount(Tag tag) {
        return tagMap(tag).size();
    }

    // models mm/swap.c: pagevec_lookup_tag (find_get_pages_tag)
    /**
     * Up to {@code nrPages} pages tagged {@code tag} with index in [{@code from}, {@code end}], in
     * index order, each with a reference taken ({@code page_cache_get}). The caller releases them.
     */
    public List<Page> pagevecLookupTag(long from, long end, Tag tag, int nrPages) {
        List<Page> out = new ArrayList<>(Math.min(nrPages, 16));
        if (from > end) {
            return out;
        }
        NavigableMap<Long, Page> sub = tagMap(tag).subMap(from, true, end, true);
        for (Map.Entry<Long, Page> e : sub.entrySet()) {
            if (out.size() >= nrPages) {
                break;
            }
            Page p = e.getValue();
            p.get();
            out.add(p);
        }
        return out;
    }

    /** Whether the inode is on the dirty list. */
    public boolean inodeDirty() {
        return dirtiedWhen >= 0;
    }

    @Override
    public String toString() {
        return name + "(" + pageTree.size() + " pages)";
    }
}
