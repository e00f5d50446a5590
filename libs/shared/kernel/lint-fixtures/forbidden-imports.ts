// A file that MUST fail lint: pure code (type:util, type:domain) may not import frameworks or do I/O.
// tools/workspace-checks/src/lint-boundaries.spec.ts lints it and expects one error per line below.
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { readFileSync } from 'fs';
import { createHash } from 'node:crypto';

export const forbidden = [Injectable, EntityManager, Queue, Redis, readFileSync, createHash];
