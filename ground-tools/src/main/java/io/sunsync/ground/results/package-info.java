/**
 * Result downloads (docs/icd/downlink.md): chunks checked against their SHA-256 and written at
 * their offsets, progress kept on disk so an interrupted download resumes, whole files checked
 * before they are moved into place. One thread feeds a download.
 */
package io.sunsync.ground.results;
